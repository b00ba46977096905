"""The report and a viewer page in a real browser: headless Chromium from the system packages
(`chromium`, `chromium-driver`). No console error, charts laid out, a screenshot that is not blank;
and no markup from hostile data runs in any page curate writes (report, documents, validation).

Selenium is given the driver and the browser explicitly, so Selenium Manager never downloads.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from curate.reporting import ReportResult
from reporting.conftest import Clustered, Hostile

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,1800"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("headless Chromium not installed (Debian packages chromium and chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    offline = os.environ.get("SE_OFFLINE")
    os.environ["SE_OFFLINE"] = "true"  # belt and braces: Selenium Manager must not fetch anything
    profile = tempfile.mkdtemp(prefix="curate-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
        if offline is None:
            os.environ.pop("SE_OFFLINE", None)
        else:
            os.environ["SE_OFFLINE"] = offline


def _open(driver: Any, page: Path) -> None:
    driver.get_log("browser")  # drop what an earlier page logged
    driver.get(page.resolve().as_uri())
    assert driver.execute_script("return document.readyState") == "complete"


def _no_console_errors(driver: Any) -> None:
    severe = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert not severe, severe


def _not_blank(driver: Any) -> None:
    from PIL import Image, ImageStat

    image = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("L")
    assert image.size[0] > 500 and image.size[1] > 500
    assert ImageStat.Stat(image).stddev[0] > 20, "the screenshot is one flat colour"
    assert len(image.getcolors(maxcolors=2**16) or range(2**16)) > 50, "too few shades for a rendered page"


def _laid_out(elements: list[Any]) -> list[Any]:
    return [e for e in elements if e.size["width"] > 0 and e.size["height"] > 0]


def test_report_renders(browser: Any, sample_report: ReportResult) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, sample_report.index)
    _no_console_errors(browser)
    charts = browser.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert len(charts) >= 15 and _laid_out(charts) == charts, "every chart has a size"
    bars = browser.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")
    assert len(_laid_out(bars)) > 50, "bars are drawn"
    for section in ("accounting", "sources", "distributions", "boilerplate", "languages", "claims",
                    "duplicates", "near-duplicates", "rejects", "changes", "documents"):
        assert browser.find_element(By.ID, section).is_displayed()
    assert "sample 1.0.0: quality report" in browser.find_element(By.TAG_NAME, "h1").text
    _not_blank(browser)


def test_viewer_page_renders(browser: Any, sample_report: ReportResult) -> None:
    from selenium.webdriver.common.by import By

    entry = max(sample_report.summary["documents"], key=lambda e: (e["removed_spans"] > 0) + ((e["claims"] or 0) > 0))
    _open(browser, sample_report.index.parent / entry["page"])
    _no_console_errors(browser)
    removed = browser.find_elements(By.CSS_SELECTOR, "#document del")
    assert len(_laid_out(removed)) == entry["removed_spans"]
    claims = browser.find_elements(By.CSS_SELECTOR, "#document .c-content")
    assert bool(_laid_out(claims)) == (entry["claims"] > 0)
    _not_blank(browser)
    browser.find_element(By.CSS_SELECTOR, "label[for=hide-removed]").click()
    assert not any(e.is_displayed() for e in browser.find_elements(By.CSS_SELECTOR, "#document del"))


def test_cluster_page_renders_side_by_side(browser: Any, clustered: Clustered) -> None:
    from selenium.webdriver.common.by import By

    summary = json.loads((clustered.first.path / "report" / "summary.json").read_text(encoding="utf-8"))
    largest = summary["near_duplicates"]["largest"][0]
    _open(browser, clustered.first.path / "report" / largest["page"])
    _no_console_errors(browser)
    columns = _laid_out(browser.find_elements(By.CSS_SELECTOR, ".side .member"))
    assert len(columns) == largest["size"]
    tops = {round(column.location["y"]) for column in columns}
    assert len(tops) == 1, "the members stand side by side, not one under another"
    assert _laid_out(browser.find_elements(By.CSS_SELECTOR, ".side ins")), "differences are marked"
    _not_blank(browser)


def test_the_checks_catch_a_broken_page(browser: Any, tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html><body><script>throw new Error('boom')</script></body></html>")
    _open(browser, broken)
    with pytest.raises(AssertionError, match="boom"):
        _no_console_errors(browser)
    with pytest.raises(AssertionError, match="flat colour"):
        _not_blank(browser)


def _payloads_run(driver: Any, page: Path) -> list[str]:
    """What the hostile payloads did on `page`: an alert, `window.pwned` set, the title set to "pwned".
    Waits a moment after the load, for handlers of images that failed to load."""
    from selenium.common.exceptions import NoAlertPresentException, UnexpectedAlertPresentException

    ran = []
    try:
        driver.get(page.resolve().as_uri())
        driver.execute_async_script("setTimeout(arguments[arguments.length - 1], 150)")
    except UnexpectedAlertPresentException as exc:
        ran.append(f"alert: {exc.alert_text}")
    try:
        alert = driver.switch_to.alert
        ran.append(f"alert: {alert.text}")
        alert.accept()
    except NoAlertPresentException:
        pass
    pwned, title = driver.execute_script("return [window.pwned === undefined ? null : String(window.pwned), "
                                         "document.title]")
    if pwned is not None:
        ran.append(f"window.pwned = {pwned}")
    if title == "pwned":  # what the title payload sets; the escaped payload itself may be in a title
        ran.append(f"document.title = {title}")
    return ran


def test_no_payload_runs_in_any_page(browser: Any, hostile: Hostile) -> None:
    ran = {page.name: found for page in hostile.pages if (found := _payloads_run(browser, page))}
    assert not ran, ran


def test_no_payload_runs_in_the_cluster_pages(browser: Any, clustered: Clustered) -> None:
    pages = sorted(clustered.first.path.glob("report/**/*.html"))
    ran = {page.name: found for page in pages if (found := _payloads_run(browser, page))}
    assert not ran, ran


def test_the_payload_check_sees_a_payload_run(browser: Any, tmp_path: Path) -> None:
    page = tmp_path / "unescaped.html"
    page.write_text("<!DOCTYPE html><html><head><title>t</title></head><body>"
                    "<img src=x onerror=\"window.pwned=1;document.title='pwned'\"></body></html>")
    assert _payloads_run(browser, page) == ["window.pwned = 1", "document.title = pwned"]
    page.write_text("<!DOCTYPE html><html><body><svg onload=alert(2)></svg></body></html>")
    assert _payloads_run(browser, page) == ["alert: 2"]
