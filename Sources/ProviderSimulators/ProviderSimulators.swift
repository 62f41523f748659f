// ProviderSimulators: local fakes of provider APIs over real HTTP, for tests and the sandbox.
