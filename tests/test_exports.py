"""The committed notebooks as static viewers and printouts show them: every chart must be a picture.

A static viewer (GitHub, nbviewer, nbconvert's HTML and PDF) does not draw plotly's JSON
(``application/vnd.plotly.v1+json``): it shows the ``image/png`` beside it in the same output, the
same chart drawn by the library. Here the committed notebooks are exported with nbconvert's default
HTML template, opened in headless Chromium with JavaScript disabled, and printed to PDF from that
page; every chart must show its picture in both. Screenshots and the PDFs go to build/exports/ for
a person to look at.

Needs Debian's ``chromium`` and ``chromium-driver`` (``tests/install-browser.sh``) and ``selenium``.
"""
import base64
import subprocess
import sys

import pytest

import course
from course import NOTEBOOKS, NOTEBOOKS_WITH_CHARTS, ROOT
from handouts import pdf_images

OUT = ROOT / "build" / "exports"

from browsers import headless_chromium, needs_chromium  # noqa: E402  (skips without selenium)
from selenium.webdriver.common.by import By  # noqa: E402

pytestmark = needs_chromium


def chart_pictures(name):
    """The PNG (base64) of every chart in the committed notebook."""
    return ["".join(o["data"]["image/png"]).replace("\n", "") for _, o in course.chart_outputs(name)]


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
    for name in NOTEBOOKS_WITH_CHARTS:
        subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--output-dir", str(OUT),
                        "--log-level=WARN", str(NOTEBOOKS / name)], check=True)
    return OUT


def _pictures_shown(driver, pictures):
    """For each chart picture: (width, height) its image is shown at on the page, 0 if none shows."""
    return driver.execute_script(
        "const imgs = [...document.querySelectorAll('.jp-OutputArea-output img')];"
        "return arguments[0].map(png => {"
        "  const img = imgs.find(i => i.getAttribute('src') === 'data:image/png;base64,' + png);"
        "  if (!img || !img.complete || img.naturalWidth === 0) { return [0, 0]; }"
        "  const r = img.getBoundingClientRect(); return [r.width, r.height]; });", pictures)


@pytest.mark.parametrize("name", NOTEBOOKS_WITH_CHARTS)
def test_the_html_export_shows_every_chart_as_a_picture_without_scripts(exported, static_browser, name):
    pictures = chart_pictures(name)
    assert pictures, f"{name} holds no charts"
    page = exported / name.replace(".ipynb", ".html")
    static_browser.get(page.as_uri())
    shown = _pictures_shown(static_browser, pictures)
    assert "Plotly" not in page.read_text(), "the export holds plotly.js or a chart script"
    assert all(w > 300 and h > 200 for w, h in shown), f"chart pictures not shown at a readable size: {shown}"
    for i, png in enumerate(pictures):
        element = static_browser.execute_script(
            "return [...document.querySelectorAll('.jp-OutputArea-output img')]"
            ".find(i => i.getAttribute('src') === 'data:image/png;base64,' + arguments[0]);", png)
        static_browser.execute_script("arguments[0].scrollIntoView()", element)
        element.screenshot(str(OUT / f"html-{name[:2]}-chart{i + 1}.png"))


@pytest.mark.parametrize("name", NOTEBOOKS_WITH_CHARTS)
def test_the_pdf_printout_holds_every_chart_picture(exported, static_browser, name):
    """The exported page printed to PDF by Chromium (as "Save as PDF" would), scripts off: every
    chart's picture is an image in the PDF, at its own pixel size."""
    static_browser.get((exported / name.replace(".ipynb", ".html")).as_uri())
    pdf = base64.b64decode(static_browser.execute_cdp_cmd(
        "Page.printToPDF", {"printBackground": True, "preferCSSPageSize": False})["data"])
    (OUT / name.replace(".ipynb", ".pdf")).write_bytes(pdf)
    assert pdf.startswith(b"%PDF"), pdf[:20]
    sizes = pdf_images(pdf)
    wanted = [course.png_size(base64.b64decode(png)) for png in chart_pictures(name)]
    assert wanted, f"{name} holds no charts"
    for size in set(wanted):
        assert sizes.count(size) >= wanted.count(size), f"{wanted.count(size)} chart pictures of {size} px " \
                                                         f"in the notebook, {sizes.count(size)} in the PDF: {sizes}"
