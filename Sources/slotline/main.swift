print("slotline")
