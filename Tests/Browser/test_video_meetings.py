"""The OA video-meeting module as staff use it: a quick meeting started and entered on a phone,
colleagues invited, ended early; a meeting joined by its number; a video meeting launched from a
conference card."""

import unittest

from selenium.webdriver.common.by import By

from slotline_browser import PC, PHONE, SLUG, Visit, browser, unique


class VideoMeetings(unittest.TestCase):
    def person(self, width):
        driver = browser(width)
        self.addCleanup(driver.quit)
        return Visit(driver).sign_in()

    def test_a_quick_meeting_on_a_phone_entered_shared_and_ended_early(self):
        me = self.person(PHONE)
        me.click_link("Video meetings")
        title = unique("Stand-up")
        me.fill("Meeting name", title).press("Start now")
        self.assertIn("Your meeting has started", me.text)
        self.assertIn("In progress", me.text)
        # The job makes the sandbox meeting; the page then shows its links.
        me.wait_for_text("Participant link")
        enter = me.driver.find_element(By.XPATH, "//a[normalize-space()='Enter the meeting']")
        self.assertEqual(enter.get_attribute("target"), "_blank")
        self.assertIn("/sandbox/s/", enter.get_attribute("href"), "the host enters with the host link")
        self.assertIn("/sandbox/j/", me.secret("join-url"))
        me.driver.find_element(By.XPATH, "//label[normalize-space()='Lena Park']/input").click()
        me.press("Invite")
        self.assertIn("Invited.", me.text)
        self.assertIn("Lena Park", me.text)
        me.press("End early")
        self.assertIn("Ended early", me.text)
        self.assertNotIn("Enter the meeting", me.text)
        me.click_link("← My video meetings")
        self.assertNotIn(title, me.text, "recent lists only meetings not started or in progress")

    def test_joining_by_number_opens_the_participant_link(self):
        me = self.person(PC)
        me.open(f"/admin/{SLUG}/meetings")
        me.click_link("Weekly planning")
        me.wait_for_text("Meeting number")
        number = me.secret("meeting-number")
        me.click_link("← My video meetings")
        me.fill("Meeting number", number).press("Join")
        self.assertEqual(me.path, f"/sandbox/j/{number}")

    def test_the_convener_launches_a_video_meeting_from_the_conference_card(self):
        me = self.person(PC)
        me.open(f"/admin/{SLUG}/conferences")
        me.click_link("Studio open day briefing")
        self.assertNotIn("Launch video meeting", me.text, "only its creator, convener and contact may launch one")
        me.click_link("← Conferences")
        me.click_link("Quarterly planning")
        me.press("Launch video meeting")
        self.assertIn("Video meeting launched", me.text)
        self.assertIn("Quarterly planning", me.text)
        related = me.secret("related-url")
        self.assertIn(f"/admin/{SLUG}/conferences/", related)


if __name__ == "__main__":
    unittest.main()
