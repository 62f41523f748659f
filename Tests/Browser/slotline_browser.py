"""A small page-object layer over Selenium for Slotline's pages: tests read as what a person does
("sign in", "open Upcoming", "click Accept"). The server under test is named by the environment
(BrowserSuiteTests starts it): SLOTLINE_BROWSER_URL, SLOTLINE_BROWSER_SLUG, SLOTLINE_BROWSER_EMAIL,
SLOTLINE_BROWSER_PASSWORD; the browser by SLOTLINE_TEST_CHROMIUM and SLOTLINE_TEST_CHROMEDRIVER.
Screenshots go to SLOTLINE_BROWSER_SHOTS."""

import os
import re
import time
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = os.environ.get("SLOTLINE_BROWSER_URL", "http://127.0.0.1:8080")
SLUG = os.environ.get("SLOTLINE_BROWSER_SLUG", "demo")
EMAIL = os.environ.get("SLOTLINE_BROWSER_EMAIL", "owner@demo.slotline.local")
PASSWORD = os.environ.get("SLOTLINE_BROWSER_PASSWORD", "slotline-demo")
SHOTS = os.environ.get("SLOTLINE_BROWSER_SHOTS", "/tmp/slotline-shots")
PC, PHONE = 1280, 390


def browser(width=PC, javascript=True, language="en", time_zone=None):
    """Headless Chromium at a PC or a phone width (phone widths need mobile emulation: headless
    Chromium widens narrower windows), in `time_zone` when given (the browser's own clock)."""
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("SLOTLINE_TEST_CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--lang={language}"):
        options.add_argument(flag)
    prefs = {"intl.accept_languages": language}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    if width < 500:
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": 844, "pixelRatio": 1.0}})
    else:
        options.add_argument(f"--window-size={width},900")
    environment = dict(os.environ, TZ=time_zone) if time_zone else None
    driver = webdriver.Chrome(service=Service(os.environ.get("SLOTLINE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"), env=environment),
                              options=options)
    driver.implicitly_wait(2)
    return driver


class Visit:
    """One person in one browser."""

    def __init__(self, driver):
        self.driver = driver

    # Moving around.
    def open(self, path):
        self.driver.get(path if path.startswith("http") else BASE + path)
        return self

    def click_link(self, text):
        return self.navigating(lambda: self.driver.find_element(By.XPATH, f"//a[normalize-space()={xpath_text(text)}]").click())

    def press(self, label):
        """Clicks the button with this label (submitting its form), answering "OK" to a confirmation."""
        def click():
            self.driver.find_element(By.XPATH, f"//button[normalize-space()={xpath_text(label)}]").click()
            self.accept_confirmation()
        return self.navigating(click)

    def navigating(self, action):
        """Runs `action` and waits for the next page to load."""
        # The old page's root: stale (or unknown to the driver) once a new page has loaded. Works with
        # the page's JavaScript switched off too.
        old = self.driver.find_element(By.TAG_NAME, "html")
        action()

        def replaced(driver):
            try:
                old.tag_name
                return False
            except Exception:
                return True

        WebDriverWait(self.driver, 15).until(replaced)
        return self

    def accept_confirmation(self):
        try:
            self.driver.switch_to.alert.accept()
        except Exception:
            pass

    def fill(self, label, value):
        field = self.field(label)
        field.clear()
        field.send_keys(value)
        return self

    def field(self, label):
        label_element = self.driver.find_element(By.XPATH, f"//label[normalize-space()={xpath_text(label)}]")
        return self.driver.find_element(By.ID, label_element.get_attribute("for"))

    def choose(self, label, option):
        Select(self.field(label)).select_by_visible_text(option)
        return self

    # Reading.
    @property
    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    @property
    def path(self):
        return urllib.parse.urlparse(self.driver.current_url).path

    def html(self):
        return self.driver.page_source

    def error_beside(self, label):
        field = self.field(label)
        described = field.get_attribute("aria-describedby")
        return self.driver.find_element(By.ID, described).text if described else ""

    def wait_for_text(self, text, seconds=15, reload=True):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if text in self.text:
                return True
            time.sleep(0.5)
            if reload:
                self.driver.refresh()
        raise AssertionError(f"{text!r} did not appear on {self.driver.current_url}:\n{self.text}")

    # The back office.
    def sign_in(self, email=EMAIL, password=PASSWORD):
        self.open("/admin/login")
        self.fill("Email", email).fill("Password", password).press("Sign in")
        return self

    def open_tab(self, name):
        link = self.driver.find_element(By.XPATH, f"//ul[@class='tabs']//a[starts-with(normalize-space(), {xpath_text(name)})]")
        return self.navigating(link.click)

    def tab_count(self, name):
        link = self.driver.find_element(By.XPATH, f"//ul[@class='tabs']//a[starts-with(normalize-space(), {xpath_text(name)})]")
        return int(link.find_element(By.CLASS_NAME, "count").text)

    def rows(self):
        return [row.text for row in self.driver.find_elements(By.CSS_SELECTOR, "table.list tbody tr")]

    def open_booking_of(self, customer):
        row = self.driver.find_element(By.XPATH, f"//table[@class='list']//tr[td[normalize-space()={xpath_text(customer)}]]")
        return self.navigating(row.find_element(By.TAG_NAME, "a").click)

    def secret(self, element_id):
        return self.driver.find_element(By.ID, element_id).text

    # The public booking page.
    def book(self, service, name, email, slug=SLUG, nth_time=0, practitioner=None):
        """From the services list to the result page; returns the time chosen."""
        self.open(f"/w/{slug}")
        self.click_link(service)
        if practitioner:
            self.click_link(practitioner)
        times = self.driver.find_elements(By.CSS_SELECTOR, "a.time")
        if not times:
            self.navigating(self.driver.find_element(By.CSS_SELECTOR, "a[rel=next]").click)
            times = self.driver.find_elements(By.CSS_SELECTOR, "a.time")
        chosen = times[nth_time].text
        self.navigating(times[nth_time].click)
        self.fill("Your name", name).fill("Email", email).press("Book this time")
        return chosen

    # What every page must be.
    def horizontal_overflow(self):
        return self.driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")

    def foreign_requests(self):
        """Every request the page made to an origin other than the server's own."""
        urls = self.driver.execute_script(
            "return [location.href].concat(performance.getEntriesByType('resource').map(function (e) { return e.name; }))")
        own = urllib.parse.urlparse(BASE).netloc
        return [url for url in urls if urllib.parse.urlparse(url).netloc not in ("", own)]

    def serious_accessibility_violations(self):
        from axe_selenium_python import Axe
        axe = Axe(self.driver)
        axe.inject()
        results = axe.run()
        return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
                for v in results["violations"] if v.get("impact") in ("serious", "critical")]

    def screenshot(self, name, width):
        os.makedirs(SHOTS, exist_ok=True)
        if width >= 500:
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            self.driver.set_window_size(width, min(max(height + 120, 600), 4000))
        path = os.path.join(SHOTS, f"{name}-{width}.png")
        self.driver.save_screenshot(path)
        return path


def xpath_text(text):
    if "'" not in text:
        return f"'{text}'"
    return "concat('" + "', \"'\", '".join(text.split("'")) + "')"


def unique(prefix):
    return f"{prefix} {int(time.time() * 1000) % 10_000_000}"
