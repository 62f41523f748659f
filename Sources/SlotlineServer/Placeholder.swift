enum PlaceholderSlotlineServer {}
