"""The DaoYue reviewer flow, literally, and the same with a manual-confirmation and a paid service."""

import unittest

from slotline_browser import Visit, browser, unique, SLUG, PC


class ReviewerFlow(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.driver = browser(PC)
        cls.person = Visit(cls.driver)
        cls.person.sign_in()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def test_1_connect_zoom_book_online_and_see_the_meeting(self):
        me = self.person
        me.open(f"/admin/{SLUG}/availability")
        me.choose("Practitioner", "Mei Lin").press("Open")
        me.press("Connect Zoom")
        # The Zoom simulator's authorization page.
        self.assertIn("Allow this app", me.text)
        me.press("Allow")
        self.assertEqual(me.path, f"/admin/{SLUG}/availability")
        row = me.driver.find_element("xpath", "//tr[td/strong[normalize-space()='Zoom']]").text
        self.assertIn("Connected", row)
        self.assertNotIn("—", row, "the connected Zoom account's label shows")
        me.press("Set as default")
        self.assertIn("New online bookings get a meeting on Zoom.", me.text)

        customer = unique("Reviewer")
        me.book("Video session (its own meeting)", customer, "reviewer@example.com", practitioner="Mei Lin")
        self.assertIn("Your booking is confirmed", me.text)

        me.open(f"/admin/{SLUG}/bookings")
        me.open_tab("Pending")
        self.assertFalse(any(customer in row for row in me.rows()), "the pending queue must not hold the instant booking")
        me.open_tab("Upcoming")
        me.open_booking_of(customer)
        me.wait_for_text("Join URL")
        self.assertTrue(me.secret("join-url").startswith("http"))
        self.assertRegex(me.secret("meeting-id"), r"^\d{9,11}$")
        self.assertTrue(me.secret("passcode"))
        self.assertIn("Zoom", me.text)

    def test_2_a_manual_service_waits_under_pending_until_accepted(self):
        me = self.person
        customer = unique("Manual")
        me.book("Coaching session (needs approval)", customer, "manual@example.com")
        self.assertIn("The studio will confirm it", me.text)
        me.open(f"/admin/{SLUG}/bookings")
        me.open_tab("Pending")
        me.open_booking_of(customer)
        me.press("Accept")
        self.assertIn("Accepted", me.text)
        me.open(f"/admin/{SLUG}/bookings")
        me.open_tab("Upcoming")
        self.assertTrue(any(customer in row for row in me.rows()))

    def test_3_a_paid_service_waits_for_payment_until_marked_paid(self):
        me = self.person
        customer = unique("Payer")
        me.book("Paid deep-dive", customer, "payer@example.com")
        self.assertIn("Your time is held until", me.text)
        self.assertIn("How to pay", me.text)
        me.open(f"/admin/{SLUG}/bookings")
        me.open_tab("Awaiting payment")
        me.open_booking_of(customer)
        me.press("Mark paid")
        self.assertIn("confirmed", me.text)
        me.open(f"/admin/{SLUG}/bookings")
        me.open_tab("Upcoming")
        self.assertTrue(any(customer in row for row in me.rows()))


if __name__ == "__main__":
    unittest.main()
