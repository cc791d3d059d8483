"""Headless Chromium for the tests that look at the course as a browser shows it (test_browser.py,
test_exports.py, test_slides.py), and waiting for what it shows.

Needs Debian's ``chromium`` and ``chromium-driver`` (``tests/install-browser.sh``, which
``run-tests.sh`` runs) and ``selenium`` (requirements.txt); a test module that imports this is
skipped with the reason if selenium is missing, and marks itself ``needs_chromium`` for the rest.
Selenium is pointed at the system chromedriver, so no browser is downloaded.
"""
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (requirements.txt)")
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="Chromium and chromedriver are needed: run tests/install-browser.sh (Debian: chromium chromium-driver)")


def headless_chromium(width, height):
    """A WebDriver for Debian's Chromium, headless, with a window of width × height pixels."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}"):
        options.add_argument(arg)
    return webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))


def wait_for(driver, what, condition, timeout):
    """Waits until ``condition(driver)`` is true (checked every 0.25 s) and returns it; fails the test
    naming ``what`` after ``timeout`` seconds."""
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.25).until(lambda d: condition(d))
    except TimeoutException:
        raise AssertionError(f"timed out after {timeout} s waiting for {what}") from None
