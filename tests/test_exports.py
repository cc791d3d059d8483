"""The committed notebooks as static viewers and printouts show them: every chart must be a picture.

A static viewer (GitHub, nbviewer, an exported HTML page opened without scripts) shows what a
cell's text/html output itself holds, and plotly never runs there. Each chart's HTML carries a
still PNG of the chart inside the element plotly replaces when it draws. Here the committed
notebooks are exported with nbconvert's default HTML template, opened in headless Chromium with
JavaScript disabled, and printed to PDF from that page; every chart must show its picture in both.
Screenshots and the PDFs go to build/exports/ for a person to look at.

Needs Debian's ``chromium`` and ``chromium-driver`` (``tests/install-browser.sh``) and ``selenium``.
"""
import base64
import json
import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "build" / "exports"
CHART_NOTEBOOKS = ("03-training.ipynb", "04-evaluation.ipynb", "06-insights.ipynb")

from browsers import headless_chromium, needs_chromium  # noqa: E402  (skips without selenium)
from selenium.webdriver.common.by import By  # noqa: E402

pytestmark = needs_chromium


def charts_in(name):
    """How many charts the committed notebook holds (one fallback element each)."""
    nb = json.loads((NOTEBOOKS / name).read_text())
    return sum("".join(o.get("data", {}).get("text/html", "")).count('class="cnnlstm-chart-fallback"')
               for c in nb["cells"] for o in c.get("outputs", []))


@pytest.fixture(scope="module")
def static_browser():
    """Headless Chromium that runs no script of the pages it opens, as a static viewer."""
    driver = headless_chromium(1200, 900)
    # the page's own scripts are off; WebDriver's queries below still run
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Each chart notebook exported by nbconvert's default HTML template (no execution)."""
    OUT.mkdir(parents=True, exist_ok=True)
    for name in CHART_NOTEBOOKS:
        subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--output-dir", str(OUT),
                        "--log-level=WARN", str(NOTEBOOKS / name)], check=True)
    return OUT


def pdf_images(pdf):
    """(width, height) of every image object in a PDF: its dictionary names /Subtype /Image."""
    sizes = []
    for m in re.finditer(rb"/Subtype\s*/Image", pdf):
        window = pdf[max(0, m.start() - 300):m.end() + 300]
        w, h = re.search(rb"/Width\s+(\d+)", window), re.search(rb"/Height\s+(\d+)", window)
        if w and h:
            sizes.append((int(w.group(1)), int(h.group(1))))
    return sizes


def _pictures_shown(driver):
    """For each chart on the page: (width, height) its picture is shown at, 0 if it did not load."""
    return driver.execute_script(
        "return [...document.querySelectorAll('.cnnlstm-chart-fallback')].map(f => {"
        "  const img = f.querySelector('img');"
        "  if (!img || !img.complete || img.naturalWidth === 0) { return [0, 0]; }"
        "  const r = img.getBoundingClientRect(); return [r.width, r.height]; });")


@pytest.mark.parametrize("name", CHART_NOTEBOOKS)
def test_the_html_export_shows_every_chart_as_a_picture_without_scripts(exported, static_browser, name):
    expected = charts_in(name)
    assert expected > 0, f"{name} holds no charts"
    page = exported / name.replace(".ipynb", ".html")
    static_browser.get(page.as_uri())
    shown = _pictures_shown(static_browser)
    assert static_browser.execute_script("return typeof window.cnnLstmPlotly") == "undefined", "a script ran"
    assert len(shown) == expected, f"{len(shown)} chart elements on the page, {expected} in the notebook"
    assert all(w > 300 and h > 200 for w, h in shown), f"pictures not shown at a readable size: {shown}"
    for i, element in enumerate(static_browser.find_elements(By.CSS_SELECTOR, ".cnnlstm-chart-fallback")):
        static_browser.execute_script("arguments[0].scrollIntoView()", element)
        element.screenshot(str(OUT / f"html-{name[:2]}-chart{i + 1}.png"))


@pytest.mark.parametrize("name", CHART_NOTEBOOKS)
def test_the_pdf_printout_holds_every_chart_picture(exported, static_browser, name):
    """The exported page printed to PDF by Chromium (as "Save as PDF" would), scripts off: every
    chart's picture is an image in the PDF, at its own pixel size."""
    static_browser.get((exported / name.replace(".ipynb", ".html")).as_uri())
    pdf = base64.b64decode(static_browser.execute_cdp_cmd(
        "Page.printToPDF", {"printBackground": True, "preferCSSPageSize": False})["data"])
    (OUT / name.replace(".ipynb", ".pdf")).write_bytes(pdf)
    assert pdf.startswith(b"%PDF"), pdf[:20]
    sizes = pdf_images(pdf)
    nb = json.loads((NOTEBOOKS / name).read_text())
    wanted = [(int(w), int(h)) for c in nb["cells"] for o in c.get("outputs", [])
              for w, h in re.findall(r'data:image/png;base64,[A-Za-z0-9+/=]+" width="(\d+)" height="(\d+)"',
                                     "".join(o.get("data", {}).get("text/html", "")))]
    assert len(wanted) == charts_in(name)
    for size in set(wanted):
        assert sizes.count(size) >= wanted.count(size), f"{wanted.count(size)} chart pictures of {size} px " \
                                                         f"in the notebook, {sizes.count(size)} in the PDF: {sizes}"
