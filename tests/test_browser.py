"""The course as a student sees it: JupyterLab in a real (headless) Chromium.

JupyterLab is started from this environment on a copy of the notebooks, with its own empty data
directory, so the notebooks open untrusted, as in a fresh clone. Notebook 03 is run from the
JupyterLab menu on the "Java (cnn-lstm)" kernel: its live progress display must move while the loss
chart is redrawn live, ■ must say where training stopped, and its chart must be drawn (plotly's SVG
with a trace), also after the saved notebook is reopened. Every chart of every notebook that holds
charts (``course.NOTEBOOKS_WITH_CHARTS``), opened as committed and untrusted, must become a live
plotly chart. Notebook 01 is opened as
committed: its frame images must show.

A chart's output holds plotly's JSON and a PNG of the same chart. JupyterLab's plotly renderer (the
``plotly`` package's extension) shows the PNG first and draws the live chart when the mouse enters
it, so the tests move the mouse over each chart, as a student's mouse would.

Needs Debian's ``chromium`` and ``chromium-driver`` (``tests/install-browser.sh``, which
``run-tests.sh`` runs) and ``selenium`` (requirements.txt); skipped with the reason if they are
missing. Selenium is pointed at the system chromedriver, so no browser is downloaded.
"""
import json
import re

import pytest

import course
from course import PLOTLY, ROOT
from labserver import lab_server

from browsers import headless_chromium, needs_chromium, wait_for  # noqa: E402  (skips without selenium)
from selenium.common.exceptions import JavascriptException  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

pytestmark = needs_chromium

TRAINING = "03-training.ipynb"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a copy of the notebooks; yields its base URL and directory."""
    home = tmp_path_factory.mktemp("lab")
    # every cell in the page, not only those in view, so cells can be found by their index
    tracker = home / "settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    with lab_server(home) as url:
        yield url, home


@pytest.fixture(scope="module")
def browser():
    driver = headless_chromium(1400, 1000)
    yield driver
    driver.quit()


def kernel_status(driver):
    return driver.execute_script(
        "const e = document.querySelector('.jp-Notebook-ExecutionIndicator');"
        "return e && e.getAttribute('data-status');")


def cells(driver):
    return driver.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")


def cell_index(name, text):
    """Index (among all cells, as JupyterLab shows them) of the code cell whose source contains text."""
    nb = course.read(name)
    found = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and text in "".join(c["source"])]
    assert found, f"no code cell of {name} contains {text!r}"
    return found[0]


# a drawn plotly chart: a line or markers with a path, or a heat map's image, in plotly's SVG
_DRAWN = ("const svg = arguments[0].querySelectorAll('.main-svg');"
          "return [...svg].some(s => [...s.querySelectorAll('.scatterlayer .trace path')]"
          ".some(p => (p.getAttribute('d') || '').length > 10)"
          " || s.querySelector('.heatmaplayer .hm image') !== null);")


def chart_drawn(element):
    """Whether a plotly chart inside this element (a cell, or one output) is drawn."""
    try:
        return element.parent.execute_script(_DRAWN, element)
    except JavascriptException:
        return False


def plotly_outputs(cell):
    """The outputs of a cell that JupyterLab's plotly renderer shows."""
    return cell.find_elements(By.CSS_SELECTOR, ".jp-OutputArea .jp-RenderedPlotly")


def make_live(driver, output, what, timeout=60):
    """Moves the mouse over a chart output (its still picture until then) and waits until plotly
    has drawn it."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", output)

    def hovered_and_drawn(d):
        if chart_drawn(output):
            return True
        ActionChains(d).move_to_element(output).perform()
        return False

    wait_for(driver, what, hovered_and_drawn, timeout)


def open_notebook(driver, url, name):
    driver.get(f"{url}/lab/tree/notebooks/{name}?reset")
    count = len(course.read(name)["cells"])
    wait_for(driver, f"{name} to open with its {count} cells", lambda d: len(cells(d)) == count, 120)


def run_menu(driver, item, menu="Run"):
    driver.find_element(By.XPATH, f"//div[contains(@class,'lm-MenuBar-itemLabel') and text()='{menu}']").click()
    driver.find_element(By.XPATH, f"//div[contains(@class,'lm-Menu-itemLabel') and text()='{item}']").click()


def progress_of(cell):
    """(value, max, text) of the live training display in this cell, or None."""
    return cell.parent.execute_script(
        "const p = arguments[0].querySelector('.jp-OutputArea progress');"
        "return p && [p.value, p.max, p.parentElement.textContent];", cell)


def test_the_kernel_reads_idle_once_started_not_unknown(lab, browser):
    """JupyterLab's status bar reads "Idle" before any cell runs (it read "Unknown" with JJava)."""
    url, _ = lab
    open_notebook(browser, url, TRAINING)
    status_bar = browser.find_element(By.CSS_SELECTOR, ".jp-StatusBar-Widget")
    wait_for(browser, "the Java (cnn-lstm) kernel to be chosen", lambda d: "Java (cnn-lstm)" in status_bar.text, 60)
    # the indicator and the status bar's text update separately, and the kernel may be busy for a
    # moment after it first reads idle (JupyterLab's own requests): both must read idle at once
    seen = {}

    def idle(d):
        seen["text"] = status_bar.text
        return kernel_status(d) == "idle" and "Java (cnn-lstm) | Idle" in seen["text"]

    try:
        wait_for(browser, "the kernel to read idle in the indicator and the status bar", idle, 180)
    finally:
        print("status bar:", seen.get("text", "").replace("\n", " "))
    assert "Java (cnn-lstm) | Idle" in seen["text"]


SCREENSHOTS = ROOT / "build" / "screenshots"


def chart_cells(name):
    """Indices of the cells of a committed notebook whose outputs hold a chart (plotly JSON)."""
    return sorted({i for i, _ in course.chart_outputs(name)})


@pytest.mark.parametrize("name", course.NOTEBOOKS_WITH_CHARTS)
def test_every_chart_of_an_untrusted_notebook_is_live(lab, browser, name):
    """A fresh clone's notebooks are untrusted, which plotly's renderer does not need: each chart
    first shows its still picture, then, once the mouse is over it, becomes a live plotly chart.
    A screenshot of each goes to build/screenshots/."""
    url, _ = lab
    indices = chart_cells(name)
    assert indices, f"{name} holds no charts"
    open_notebook(browser, url, name)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for i in indices:
        cell = cells(browser)[i]
        browser.execute_script("arguments[0].scrollIntoView()", cell)
        wait_for(browser, f"the plotly output of cell {i} of {name}", lambda d: plotly_outputs(cell), 60)
        for k, output in enumerate(plotly_outputs(cell)):
            wait_for(browser, f"the still picture of cell {i} of {name} to show", lambda d: d.execute_script(
                "const img = arguments[0].querySelector('img.plot-img');"
                "return img && img.complete && img.naturalWidth > 0"
                " && img.getBoundingClientRect().height > 100;", output) or chart_drawn(output), 60)
            make_live(browser, output, f"cell {i} of the untrusted {name} to become a live chart")
            output.screenshot(str(SCREENSHOTS / f"untrusted-{name[:2]}-cell{i}-{k}.png"))


def run_all_of_the_training_notebook(driver, url):
    """Opens notebook 03, waits for its kernel and runs all its cells from the Run menu; returns the
    training cell."""
    open_notebook(driver, url, TRAINING)
    wait_for(driver, "the kernel to be ready", lambda d: kernel_status(d) == "idle", 180)
    run_menu(driver, "Run All Cells")
    return cells(driver)[cell_index(TRAINING, "Trainer.train(")]


def test_training_shows_live_progress_and_stopping_says_where_it_stopped(lab, browser):
    url, _ = lab
    training = run_all_of_the_training_notebook(browser, url)
    seen = set()
    curves = set()  # the drawn loss line, by its length: it grows as the chart is redrawn

    def advancing(_):
        p = progress_of(training)
        if p and 0 < p[0] < p[1]:
            seen.add(p[0])
            curves.add(browser.execute_script(
                "const l = arguments[0].querySelector('.jp-RenderedPlotly .scatterlayer .trace path.js-line');"
                "return l ? l.getAttribute('d').length : 0;", training))
        return len(seen) >= 2 and len(curves - {0}) >= 2

    try:
        wait_for(browser, "the progress display to move and the loss chart to be redrawn live", advancing, 300)
    finally:
        print("progress values seen:", sorted(seen), "lengths of the drawn loss line:", sorted(curves))
    run_menu(browser, "Interrupt Kernel", menu="Kernel")  # what ■ in the toolbar does
    try:
        wait_for(browser, "the display to say training stopped",
                 lambda d: "Stopped after" in (progress_of(training) or [0, 0, ""])[2], 60)
    finally:
        print("training display:", progress_of(training))
    text = progress_of(training)[2]
    done = re.search(r"Stopped after ([\d,]+) of 5,000 sequences", text)
    assert done and 0 < int(done.group(1).replace(",", "")) < 5000, text
    assert "Run the cell again" in text


def test_a_full_run_draws_the_loss_chart_also_after_reopening(lab, browser):
    url, home = lab
    training = run_all_of_the_training_notebook(browser, url)
    wait_for(browser, "training to finish",
             lambda d: (lambda p: p is not None and p[0] == p[1] and "left 0:00" in p[2])(progress_of(training)), 600)
    save = cells(browser)[cell_index(TRAINING, "ModelStore.save")]
    wait_for(browser, "the save cell to report",
             lambda d: "Saved the trained model" in save.find_element(By.CSS_SELECTOR, ".jp-OutputArea").text, 120)
    errors = browser.find_elements(By.CSS_SELECTOR, "[data-mime-type='application/vnd.jupyter.error']")
    assert not errors, errors[0].text[:1000]
    # the training display's loss chart, the notebook's one chart of the loss: the last update
    # carries the still picture, which becomes live under the mouse
    make_live(browser, plotly_outputs(training)[0], "the loss chart to be drawn (plotly SVG with a trace)")
    assert (home / "build" / "model" / "cnn-lstm.zip").is_file()

    # save (this signs the notebook: its outputs were made here), reopen, charts still drawn
    browser.find_element(By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").send_keys(Keys.ESCAPE)
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.CONTROL, "s")
    wait_for(browser, "the notebook to be saved", lambda d: not d.find_elements(By.CSS_SELECTOR, ".jp-mod-dirty"), 60)
    saved = json.loads((home / "notebooks" / TRAINING).read_text())
    assert "Saved the trained model" in json.dumps(saved["cells"][cell_index(TRAINING, "ModelStore.save")])
    open_notebook(browser, url, TRAINING)
    loss = cells(browser)[cell_index(TRAINING, "Trainer.train(")]
    wait_for(browser, "the reopened notebook's loss chart", lambda d: plotly_outputs(loss), 60)
    make_live(browser, plotly_outputs(loss)[0], "the reopened notebook's loss chart to be drawn")


def test_the_frame_images_show(lab, browser):
    url, _ = lab
    name = "01-data.ipynb"
    open_notebook(browser, url, name)
    nb = course.read(name)
    with_images = {i: sum("image/png" in o.get("data", {}) for o in c.get("outputs", []))
                   for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"}
    with_images = {i: n for i, n in with_images.items() if n}
    assert with_images, f"{name} holds no frame images"
    for i, n in with_images.items():
        cell = cells(browser)[i]
        # JupyterLab renders the outputs of cells out of view lazily: bring each into view
        browser.execute_script("arguments[0].scrollIntoView()", cell)
        wait_for(browser, f"the {n} image(s) of cell {i} to show", lambda d: d.execute_script(
            "const imgs = [...arguments[0].querySelectorAll('.jp-OutputArea img')];"
            "return imgs.length === arguments[1] && imgs.every(i => i.complete && i.naturalWidth > 0);",
            cell, n), 60)
