"""Forms as people use them: an error beside its field in the visitor's language with what they
typed kept, the whole booking flow with JavaScript switched off, and the booking page inside a
studio's own site."""

import http.server
import os
import tempfile
import threading
import time
import unittest

from selenium.webdriver.common.by import By

from slotline_browser import BASE, PC, SLUG, Visit, browser


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


class WithoutJavaScript(unittest.TestCase):
    def test_a_customer_books_and_asks_to_cancel_with_scripts_switched_off(self):
        # A browser in New York, far from the studio: with scripts the page would move to its zone at once.
        driver = browser(PC, javascript=False, time_zone="America/New_York")
        self.addCleanup(driver.quit)
        me = Visit(driver)
        me.open(f"/w/{SLUG}?lang=en")
        me.click_link("Online consultation (instant)")
        # No script asked the browser for its zone: the page stays in the studio's, with no tz in the address.
        self.assertNotIn("tz=", driver.current_url)
        me.navigating(driver.find_elements(By.CSS_SELECTOR, "a[href*='day=']")[0].click)
        me.navigating(driver.find_elements(By.CSS_SELECTOR, "a.time")[0].click)
        me.fill("Your name", "No Script").fill("Email", "noscript@example.com")
        me.press("Book this time")
        self.assertIn("/done/", me.path)
        self.assertIn("Thank you", me.text)
        me.click_link("View or change this booking")
        self.assertIn("/manage/", me.path)
        # A form that asks "are you sure?" through a script is sent as it is without one.
        me.press("Ask to cancel")
        self.assertIn("Your cancellation request is sent.", me.text)


class Embedded(unittest.TestCase):
    def test_the_booking_page_in_a_studios_site_grows_to_its_content(self):
        # The studio's own site: another origin (another port) serving the snippet the settings page gives.
        folder = tempfile.mkdtemp()
        with open(os.path.join(folder, "index.html"), "w") as page:
            page.write(f'<!doctype html><title>Studio</title><h1>Our studio</h1>'
                       f'<iframe src="{BASE}/w/{SLUG}" title="Book" data-slotline-embed style="width:100%;height:100px;border:0"></iframe>'
                       f'<script src="{BASE}/embed.js" async></script>')
        handler = lambda *args: http.server.SimpleHTTPRequestHandler(*args, directory=folder)
        site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=site.serve_forever, daemon=True).start()
        self.addCleanup(site.shutdown)
        driver = browser(PC)
        self.addCleanup(driver.quit)

        driver.get(f"http://127.0.0.1:{site.server_address[1]}/index.html")
        deadline = time.time() + 15
        height = 100
        while time.time() < deadline and height <= 100:
            time.sleep(0.3)
            height = driver.execute_script("return document.querySelector('iframe').getBoundingClientRect().height")

        self.assertGreater(height, 300, "the frame did not grow to the booking page's height")
        driver.switch_to.frame(driver.find_element(By.TAG_NAME, "iframe"))
        self.assertIn("Online consultation (instant)", driver.find_element(By.TAG_NAME, "body").text)


if __name__ == "__main__":
    unittest.main()
