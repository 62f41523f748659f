"""Forms as people use them: the booking flow without JavaScript, an error beside its field in the
visitor's language with what they typed kept, and the booking page inside a studio's own site."""

import base64
import time
import unittest

from selenium.webdriver.common.by import By

from slotline_browser import BASE, PC, PHONE, SLUG, Visit, browser, unique


class WithoutJavaScript(unittest.TestCase):
    def test_a_customer_books_and_asks_for_another_time_with_javascript_off(self):
        driver = browser(PHONE, javascript=False)
        self.addCleanup(driver.quit)
        me = Visit(driver)
        me.open(f"/w/{SLUG}?lang=en")
        name = unique("NoScript")
        me.book("Online consultation (instant)", name, "noscript@example.com")
        self.assertIn("Thank you", me.text)
        self.assertIn("Your booking is confirmed", me.text)
        me.click_link("View or change this booking")
        me.click_link("Ask for another time")
        me.navigating(driver.find_elements(By.CSS_SELECTOR, "a.time")[0].click)
        me.press("Ask for this time")
        self.assertIn("Your request for a new time is sent.", me.text)
        self.assertIn("You asked to reschedule", me.text)


class Errors(unittest.TestCase):
    def test_a_wrong_email_is_shown_beside_its_field_in_the_visitors_language_with_what_was_typed(self):
        driver = browser(PC, language="zh-TW")
        self.addCleanup(driver.quit)
        me = Visit(driver)
        me.open(f"/w/{SLUG}?lang=zh-Hant")
        me.click_link("Online consultation (instant)")
        me.navigating(driver.find_elements(By.CSS_SELECTOR, "a.time")[0].click)
        me.fill("姓名", "王小明").fill("電子郵件", "wang@localhost")
        me.press("預約這個時間")
        self.assertEqual(me.error_beside("電子郵件"), "請輸入電子郵件地址，例如 name@example.com。")
        self.assertEqual(me.field("姓名").get_attribute("value"), "王小明")
        self.assertEqual(me.field("電子郵件").get_attribute("value"), "wang@localhost")


class Embedded(unittest.TestCase):
    def test_the_booking_page_in_a_studios_site_grows_to_its_content(self):
        driver = browser(PC)
        self.addCleanup(driver.quit)
        site = (f'<!doctype html><title>Studio</title><h1>Our studio</h1>'
                f'<iframe src="{BASE}/w/{SLUG}" title="Book" data-slotline-embed style="width:100%;height:100px;border:0"></iframe>'
                f'<script src="{BASE}/embed.js"></script>')
        driver.get("data:text/html;base64," + base64.b64encode(site.encode()).decode())
        deadline = time.time() + 10
        height = 100
        while time.time() < deadline and height <= 100:
            time.sleep(0.3)
            height = driver.execute_script("return document.querySelector('iframe').getBoundingClientRect().height")
        self.assertGreater(height, 300, "the frame did not grow to the booking page's height")
        driver.switch_to.frame(driver.find_element(By.TAG_NAME, "iframe"))
        self.assertIn("Online consultation (instant)", driver.find_element(By.TAG_NAME, "body").text)


if __name__ == "__main__":
    unittest.main()
