import SlotlineNotify
import Testing

@Suite struct SMTPSettingsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var url: String
        var host: String
        var port: Int
        var security: SMTPSettings.Security
        var user: String?
        var password: String?
        var testDescription: String { url }
    }

    @Test(arguments: [
        Case(url: "smtp://mail.example.com", host: "mail.example.com", port: 587, security: .startTLS),
        Case(url: "smtp://mail.example.com?tls=implicit", host: "mail.example.com", port: 465, security: .implicitTLS),
        Case(url: "smtp://mail.example.com?tls=none", host: "mail.example.com", port: 25, security: .none),
        Case(url: "smtp://mail.example.com:2525?tls=starttls", host: "mail.example.com", port: 2525, security: .startTLS),
        Case(url: "smtp://ada:secret@mail.example.com", host: "mail.example.com", port: 587, security: .startTLS,
             user: "ada", password: "secret"),
        Case(url: "smtp://ada%40example.com:p%40ss%20w%3Ard%25%2F%C3%A9@127.0.0.1:1025?tls=none", host: "127.0.0.1", port: 1025,
             security: .none, user: "ada@example.com", password: "p@ss w:rd%/é"),
        Case(url: "smtp://[::1]:25?tls=none", host: "::1", port: 25, security: .none),
    ])
    func parses(_ expected: Case) throws {
        let settings = try SMTPSettings(url: expected.url)

        #expect(settings.host == expected.host)
        #expect(settings.port == expected.port)
        #expect(settings.security == expected.security)
        #expect(settings.credentials?.username == expected.user)
        #expect(settings.credentials?.password == expected.password)
    }

    @Test(arguments: [
        ("mail.example.com", "expected smtp://"),
        ("https://mail.example.com", "expected smtp://"),
        ("smtp://", "host is missing"),
        ("smtp://mail.example.com?tls=maybe", "tls must be starttls, implicit or none"),
        ("smtp://mail.example.com?tls", "tls must be starttls, implicit or none"),
        ("smtp://mail.example.com?tsl=none", "unknown parameter \"tsl\""),
        ("smtp://mail.example.com:0", "port must be between 1 and 65535"),
        ("smtp://mail.example.com:70000", "port must be between 1 and 65535"),
        ("smtp://mail.example.com/inbox", "no path"),
        ("smtp://ada@mail.example.com", "a user needs a password"),
        ("smtp://:secret@mail.example.com", "a password needs a user"),
    ])
    func refuses(_ url: String, because reason: String) {
        #expect { try SMTPSettings(url: url) } throws: { error in
            "\(error)".hasPrefix("SLOTLINE_SMTP_URL: ") && "\(error)".contains(reason)
        }
    }

    @Test func neverShowsThePassword() throws {
        let settings = try SMTPSettings(url: "smtp://ada:Sup3rSecret@mail.example.com:2525?tls=implicit")
        var dumped = ""
        dump(settings, to: &dumped)

        #expect("\(settings)" == "smtp://ada:***@mail.example.com:2525?tls=implicit")
        #expect(!String(reflecting: settings).contains("Sup3rSecret"))
        #expect(!"\(settings.credentials!)".contains("Sup3rSecret"))
        #expect(!String(reflecting: settings.credentials!).contains("Sup3rSecret"))
        #expect(!dumped.contains("Sup3rSecret"))
        #expect(dumped.contains("ada"))
    }

    @Test func errorsNeverQuoteTheURL() {
        #expect { try SMTPSettings(url: "smtp://ada:Sup3rSecret@mail.example.com?tls=maybe") } throws: { error in
            !"\(error)".contains("Sup3rSecret")
        }
    }
}
