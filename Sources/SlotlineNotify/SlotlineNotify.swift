// SlotlineNotify: what Slotline tells people and systems about bookings — messages rendered from
// templates, calendar invitations, email delivery (outbox or SMTP) and signed outgoing webhooks.
