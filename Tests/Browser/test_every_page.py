"""Every page at PC and phone width: usable without scrolling sideways at 390 px, no request to
another origin, no serious or critical accessibility violation (axe-core), and a screenshot at both
widths for a person to look at. In the three languages."""

import unittest

from selenium.webdriver.common.by import By

from slotline_browser import PC, PHONE, SLUG, Visit, browser, unique


def collect_pages(person):
    """The pages of one customer's booking and the staff's view of it, as (name, path)."""
    person.open(f"/w/{SLUG}?lang=en")  # the labels below are English, whatever the browser asks for
    pages = [("book-services", f"/w/{SLUG}")]
    person.click_link("Online consultation (instant)")
    pages.append(("book-times", person.driver.current_url))
    person.navigating(person.driver.find_elements(By.CSS_SELECTOR, "a.time")[0].click)
    pages.append(("book-form", person.driver.current_url))
    person.fill("Your name", unique("Looker")).fill("Email", "looker@example.com").press("Book this time")
    pages.append(("book-done", person.driver.current_url))
    manage = person.driver.find_element(By.XPATH, "//a[normalize-space()='View or change this booking']").get_attribute("href")
    pages.append(("manage", manage))
    person.open(manage).click_link("Ask for another time")
    pages.append(("manage-reschedule", person.driver.current_url))
    person.navigating(person.driver.find_elements(By.CSS_SELECTOR, "a.time")[0].click)
    pages.append(("manage-confirm", person.driver.current_url))
    pages.append(("sign-in", "/admin/login"))
    person.sign_in()
    pages.append(("admin-bookings", f"/admin/{SLUG}/bookings"))
    person.open(f"/admin/{SLUG}/bookings?tab=upcoming")
    detail = person.driver.find_element(By.CSS_SELECTOR, "table.list tbody a").get_attribute("href")
    pages.append(("admin-booking", detail))
    pages.append(("admin-reschedule", detail + "/reschedule"))
    person.open(f"/admin/{SLUG}/bookings/new")
    person.choose("Service", "Online consultation (instant)").press("Show free times")
    times = person.driver.find_elements(By.CSS_SELECTOR, "a.time")
    if not times:
        person.navigating(person.driver.find_element(By.CSS_SELECTOR, "a[rel=next]").click)
        times = person.driver.find_elements(By.CSS_SELECTOR, "a.time")
    person.navigating(times[0].click)
    pages.append(("admin-booking-new", person.driver.current_url))
    pages.append(("admin-availability", f"/admin/{SLUG}/availability"))
    pages.append(("admin-practitioner-new", f"/admin/{SLUG}/practitioners/new"))
    pages.append(("admin-services", f"/admin/{SLUG}/services"))
    person.open(f"/admin/{SLUG}/services")
    pages.append(("admin-service", person.driver.find_element(By.CSS_SELECTOR, "table.list tbody a").get_attribute("href")))
    pages.append(("admin-service-new", f"/admin/{SLUG}/services/new"))
    pages.append(("admin-outbox", f"/admin/{SLUG}/outbox"))
    person.open(f"/admin/{SLUG}/outbox")
    pages.append(("admin-message", person.driver.find_element(By.CSS_SELECTOR, "table.list tbody a").get_attribute("href")))
    pages.append(("admin-webhooks", f"/admin/{SLUG}/webhooks"))
    pages.append(("admin-jobs", f"/admin/{SLUG}/jobs"))
    pages.append(("admin-audit", f"/admin/{SLUG}/audit"))
    pages.append(("admin-settings", f"/admin/{SLUG}/settings"))
    pages.append(("admin-meetings", f"/admin/{SLUG}/meetings"))
    pages.append(("admin-meetings-all", f"/admin/{SLUG}/meetings?view=all"))
    person.open(f"/admin/{SLUG}/meetings")
    pages.append(("admin-meeting", person.driver.find_element(By.CSS_SELECTOR, "table.list tbody a").get_attribute("href")))
    pages.append(("admin-meeting-new", f"/admin/{SLUG}/meetings/new"))
    person.open(f"/admin/{SLUG}/meetings?view=all&state=notStarted")
    pages.append(("admin-meeting-edit", person.driver.find_element(By.XPATH, "//table//a[normalize-space()='Edit']").get_attribute("href")))
    pages.append(("admin-lines", f"/admin/{SLUG}/lines"))
    pages.append(("admin-conferences", f"/admin/{SLUG}/conferences"))
    person.open(f"/admin/{SLUG}/conferences")
    pages.append(("admin-conference", person.driver.find_element(By.CSS_SELECTOR, "table.list tbody a").get_attribute("href")))
    pages.append(("admin-conference-new", f"/admin/{SLUG}/conferences/new"))
    pages.append(("forgot", "/admin/forgot"))
    pages.append(("set-password-expired", "/admin/reset/pw_no-such-link"))
    pages.append(("not-found", "/w/no-such-studio"))
    return pages


class EveryPage(unittest.TestCase):
    def check_pages(self, width, language):
        driver = browser(width, language=language)
        self.addCleanup(driver.quit)
        person = Visit(driver)
        problems = []
        for name, path in collect_pages(person):
            separator = "&" if "?" in path else "?"
            person.open(path + separator + "lang=" + language)
            if width == PHONE and person.horizontal_overflow() > 0:
                problems.append(f"{name} [{language}]: scrolls sideways by {person.horizontal_overflow()} px at {width} px")
            foreign = person.foreign_requests()
            if foreign:
                problems.append(f"{name} [{language}]: requests to other origins: {foreign}")
            for violation in person.serious_accessibility_violations():
                problems.append(f"{name} [{language}] at {width}px: {violation}")
            person.screenshot(f"{name}.{language}", width)
        self.assertEqual(problems, [], "\n".join(problems))

    def test_english_at_pc_width(self):
        self.check_pages(PC, "en")

    def test_english_at_phone_width(self):
        self.check_pages(PHONE, "en")

    def test_traditional_chinese_at_phone_width(self):
        self.check_pages(PHONE, "zh-Hant")

    def test_simplified_chinese_at_pc_width(self):
        self.check_pages(PC, "zh-Hans")


if __name__ == "__main__":
    unittest.main()
