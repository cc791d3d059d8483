"""The course as a teacher presents it: each notebook as live slides (jupyterlab-rise), and the
printed handouts (make-handouts.sh).

JupyterLab is started from this environment on a copy of the notebooks, with its own empty data
and settings directories, so the notebooks open untrusted, as in a fresh clone; the browser's window
is a 1280×720 projector. Notebook 3 is opened in JupyterLab, its set-up cell (which the slides skip)
is run, and the slideshow button of the toolbar renders it as slides, shown full screen. The test
moves forward slide by slide with the space bar, runs the settings cells and then the training cell
from their slides, and checks that the training's output and its loss chart show on the slide.
Screenshots of every step go to the test's temporary folder (printed at the end).

Every notebook is then opened as slides (RISE's own page, /rise/PATH, which the button shows) in a
1280×720 window, and every slide is measured: its content may not be taller than the window.
KNOWN_TALL lists the slides that cannot fit with slide types alone (one cell whose output is taller
than the window); each must hold that one cell only, and the test says when it fits after all.

The handout command must write one PDF per notebook, each holding every picture of the notebook's
outputs (every chart's PNG) at its own pixel size, with a page for each section.

Needs Debian's ``chromium`` and ``chromium-driver`` (``tests/install-browser.sh``), ``selenium`` and
``jupyterlab-rise`` (requirements.txt); skipped with the reason if they are missing.
"""
import json
import subprocess
import time
import urllib.request

import pytest

from course import NOTEBOOK_NAMES as COURSE, NOTEBOOKS, ROOT
from labserver import lab_server

from browsers import headless_chromium, needs_chromium, wait_for  # noqa: E402  (skips without selenium)
from selenium.common.exceptions import JavascriptException  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

pytest.importorskip("jupyterlab_rise", reason="jupyterlab-rise is not installed (requirements.txt)")
pytestmark = needs_chromium

WIDTH, HEIGHT = 1280, 720  # the projector
TRAINING = "03-training.ipynb"
# Slides that hold one cell whose output alone is taller than 1280×720: slide types cannot split an
# output (the cell's source would have to change). Notebook and the start of the cell's source.
KNOWN_TALL = set()  # (notebook, start of the cell's source): none now; a cell that cannot fit goes here


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a copy of the notebooks; yields its base URL and directory."""
    home = tmp_path_factory.mktemp("slides-lab")
    # the test shuts kernels down over the REST API
    with lab_server(home, "--ServerApp.disable_check_xsrf=True") as url:
        yield url, home


@pytest.fixture(scope="module")
def projector():
    """Chromium whose window and screen are 1280×720 (full screen is then 1280×720 too)."""
    driver = headless_chromium(WIDTH, HEIGHT)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False,
        "screenWidth": WIDTH, "screenHeight": HEIGHT})
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = tmp_path_factory.mktemp("slide-screenshots")
    yield folder
    print(f"\nscreenshots: {folder}")


def js(driver, script, *args):
    try:
        return driver.execute_script(script, *args)
    except JavascriptException:
        return None


def cell_index(name, text):
    """Index of the code cell of a notebook whose source starts with text."""
    nb = json.loads((NOTEBOOKS / name).read_text())
    found = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and "".join(c["source"]).startswith(text)]
    assert found, f"no code cell of {name} starts with {text!r}"
    return found[0]


# --- the RISE view ---------------------------------------------------------------------------------

# the slide on show (reveal.js: a section per slide, one inside it per sub-slide)
_PRESENT = ("const s = document.querySelector('.reveal .slides > section.present > section.present')"
            " || document.querySelector('.reveal .slides > section.present');")


# the indices of the cells a slide shows: not those the slides skip, nor notes (both are hidden)
_SHOWN_CELLS = ("[...s.querySelectorAll('.jp-Cell')].filter(c => c.getClientRects().length > 0)"
                ".map(c => parseInt(c.getAttribute('data-windowed-list-index')))")


def present(driver):
    """(id of the sub-slide on show, number of its fragments shown), e.g. ('slide-2-1', 1)."""
    return js(driver, _PRESENT + "return s && [s.id, s.querySelectorAll('.fragment.visible').length];")


def slide_cells(driver):
    """Indices of the notebook cells on the slide on show (RISE keeps JupyterLab's cell widgets)."""
    return js(driver, _PRESENT + "return s ? " + _SHOWN_CELLS + " : [];") or []


def rise_cell(driver, index):
    return driver.find_element(By.CSS_SELECTOR, f".reveal .jp-Cell[data-windowed-list-index='{index}']")


def measure(driver):
    """The slide on show: its id, the height and width of its content, and its cells."""
    return js(driver, _PRESENT + "return s && {id: s.id, height: s.scrollHeight, width: s.scrollWidth,"
                                 " cells: " + _SHOWN_CELLS + "};")


def settled(driver):
    """Whether the slide on show has finished moving in (reveal.js slides it in) and its fragments
    have faded in: the same position as a quarter second ago, fragments opaque."""
    state = js(driver, _PRESENT + "if (!s) { return null; } const r = s.getBoundingClientRect();"
                                  "return [Math.round(r.left), Math.round(r.top), [...s.querySelectorAll('.fragment.visible')]"
                                  ".every(f => getComputedStyle(f).opacity === '1')];")
    time.sleep(0.25)
    again = js(driver, _PRESENT + "if (!s) { return null; } const r = s.getBoundingClientRect();"
                                  "return [Math.round(r.left), Math.round(r.top)];")
    return bool(state and again and state[:2] == again and state[2] and 0 <= state[0] < WIDTH)


def rise_ready(driver):
    return js(driver, "const r = document.querySelector('.reveal');"
                      "return !!(r && r.classList.contains('ready') && document.querySelector('.reveal .slides section.present'));")


def run_on_slide(driver, index):
    """Selects cell `index` on the slide (a click on its prompt) and runs it with Ctrl+Enter, as a
    teacher does; first marks the cell's current outputs, so that new ones can be told apart."""
    cell = rise_cell(driver, index)
    js(driver, "arguments[0].querySelectorAll('.jp-OutputArea-output').forEach(o => o.dataset.old = '1')", cell)
    cell.find_element(By.CSS_SELECTOR, ".jp-InputPrompt").click()
    ActionChains(driver).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(Keys.CONTROL).perform()
    return cell


def new_outputs(cell):
    """The outputs of a cell made since run_on_slide, visible on the slide on show."""
    return js(cell.parent, "return [...arguments[0].querySelectorAll('.jp-OutputArea-output')]"
                           ".filter(o => !o.dataset.old && o.closest('section.present')"
                           " && o.getBoundingClientRect().height > 0).map(o => o.textContent);", cell) or []


def prompt(cell):
    return js(cell.parent, "return arguments[0].querySelector('.jp-InputArea-prompt').textContent.trim();", cell)


# a drawn plotly chart, or the still picture plotly's renderer shows until the mouse is over it
_CHART = ("const out = arguments[0];"
          "const drawn = [...out.querySelectorAll('.main-svg .scatterlayer .trace path')]"
          "  .some(p => (p.getAttribute('d') || '').length > 10);"
          "const img = out.querySelector('img.plot-img');"
          "const shown = img && img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().height > 100;"
          "const r = out.getBoundingClientRect();"
          "return [drawn, !!shown, r.top >= 0 && r.bottom <= window.innerHeight && r.height > 100];")


def test_a_notebook_runs_as_slides_from_jupyterlab(lab, projector, shots):
    url, home = lab
    driver = projector
    step = iter(range(100))

    def shot(what):
        path = shots / f"{next(step):02d}-{what}.png"
        driver.save_screenshot(str(path))
        return path

    driver.get(f"{url}/lab/tree/notebooks/{TRAINING}?reset")
    count = len(json.loads((NOTEBOOKS / TRAINING).read_text())["cells"])
    lab_cells = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell"
    wait_for(driver, f"{TRAINING} to open", lambda d: len(d.find_elements(By.CSS_SELECTOR, lab_cells)) >= 2, 120)
    wait_for(driver, "the Java kernel to be idle", lambda d: js(
        d, "const e = document.querySelector('.jp-Notebook-ExecutionIndicator');"
           "return e && e.getAttribute('data-status');") == "idle", 180)
    for no in driver.find_elements(By.XPATH, "//button[normalize-space()='No']"):  # the news toast
        no.click()

    # the set-up cell, which the slides skip, runs in JupyterLab first
    setup = cell_index(TRAINING, "import ")
    driver.find_elements(By.CSS_SELECTOR, lab_cells)[setup].find_element(By.CSS_SELECTOR, ".jp-InputArea-editor").click()
    ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()
    wait_for(driver, "the set-up cell to run", lambda d: js(
        d, "return arguments[0].querySelector('.jp-InputArea-prompt').textContent.trim();",
        d.find_elements(By.CSS_SELECTOR, lab_cells)[setup]) == "[1]:", 120)
    # from the first cell: the toolbar's slideshow button (Alt+R), then full screen
    driver.find_elements(By.CSS_SELECTOR, lab_cells)[0].click()
    driver.find_element(By.CSS_SELECTOR, "[data-jp-item-name='RISE-button'] jp-button,"
                                         " [data-jp-item-name='RISE-button'] button").click()
    frame = wait_for(driver, "the slideshow panel", lambda d: d.find_elements(By.CSS_SELECTOR, "iframe[src*='/rise/']"), 60)[0]
    driver.find_element(By.CSS_SELECTOR, "[data-jp-item-name='fullscreen'] jp-button,"
                                         " [data-jp-item-name='fullscreen'] button").click()
    wait_for(driver, "the slides to fill the screen", lambda d: frame.rect["width"] == WIDTH and frame.rect["height"] == HEIGHT, 120)
    driver.switch_to.frame(frame)
    try:
        wait_for(driver, "reveal.js to show the first slide", rise_ready, 120)
        wait_for(driver, "the slide to settle", settled, 20)
        assert present(driver)[0] == "slide-0-0", present(driver)
        assert "3 · Training" in driver.find_element(By.CSS_SELECTOR, "section.present").text
        shot("title")

        settings, configs = cell_index(TRAINING, "int trainingVideos"), cell_index(TRAINING, "var modelConfig")
        training = cell_index(TRAINING, "var model = CnnLstmModel.create")
        visited, presses, configured = [present(driver)], 0, False
        # forward with the space bar, running the settings on their slide, up to the training cell
        while training not in slide_cells(driver):
            ActionChains(driver).send_keys(Keys.SPACE).perform()
            presses += 1
            before = visited[-1]
            wait_for(driver, f"the space bar to move on from {before} (slides so far: {visited})",
                     lambda d: present(d) != before, 20)
            wait_for(driver, "the slide to settle", settled, 20)
            visited.append(present(driver))
            shot("-".join(map(str, visited[-1])))
            if not configured and configs in slide_cells(driver) and js(
                    driver, "const f = arguments[0].closest('.fragment'); return !f || f.classList.contains('visible');",
                    rise_cell(driver, configs)):
                run_on_slide(driver, settings)  # no output; the next cell uses its variables
                cell = run_on_slide(driver, configs)
                wait_for(driver, "the configuration cell's new output on its slide", lambda d: new_outputs(cell), 120)
                shown = new_outputs(cell)
                assert "TrainingConfig[sequences=5000" in shown[0], shown
                configured = True
                shot("settings-run")
            assert presses < 40, f"the training cell's slide not reached after 40 presses: {visited}"
        assert configured, f"the settings' slide was not shown: {visited}"
        subslides = {v[0] for v in visited}
        print("slides visited:", visited)
        assert len(subslides) >= 5, visited

        # the training cell, run from its slide: new outputs, a live progress display and the chart
        cell = run_on_slide(driver, training)
        shot("training-started")
        wait_for(driver, "the training to finish on the slide", lambda d: any(
            "Trained after 157 batches" in t for t in new_outputs(cell)), 900)
        texts = new_outputs(cell)
        assert any("5,000 / 5,000 sequences" in t and "left 0:00" in t for t in texts), texts
        charts = [o for o in cell.find_elements(By.CSS_SELECTOR, ".jp-OutputArea-output.jp-RenderedPlotly")
                  if not o.get_attribute("data-old")]
        assert charts, "no new chart among the training cell's outputs"
        chart = charts[0]
        drawn, picture, on_screen = js(driver, _CHART, chart)
        assert (drawn or picture) and on_screen, f"chart drawn {drawn}, its picture shown {picture}, on screen {on_screen}"
        shot("trained-picture")

        def hovered_and_drawn(d):  # plotly's renderer draws the live chart once the mouse is over it
            if js(d, _CHART, chart)[0]:
                return True
            ActionChains(d).move_to_element(chart).perform()
            return False

        wait_for(driver, "the loss chart to be drawn live on the slide", hovered_and_drawn, 60)
        shot("trained-live-chart")
        errors = driver.find_elements(By.CSS_SELECTOR, "[data-mime-type='application/vnd.jupyter.error']")
        assert not errors, errors[0].text[:1000]
        # everything of the cell is on the slide on show, within the window
        height = measure(driver)["height"]
        assert height <= HEIGHT, f"the training slide is {height} px tall after the run"
    finally:
        driver.switch_to.default_content()


# --- every slide of every notebook fits the window ---------------------------------------------

def _sessions(url):
    with urllib.request.urlopen(url + "/api/sessions", timeout=10) as r:
        return json.load(r)


def _close_sessions(url, name):
    """Shuts down the kernels that opening a notebook as slides started."""
    for s in _sessions(url):
        if s["path"].endswith(name):
            urllib.request.urlopen(urllib.request.Request(f"{url}/api/sessions/{s['id']}", method="DELETE"), timeout=30)


def known_tall(name):
    """Indices of the cells of KNOWN_TALL in this notebook."""
    nb = json.loads((NOTEBOOKS / name).read_text())
    return {i for i, c in enumerate(nb["cells"]) for n, text in KNOWN_TALL
            if n == name and "".join(c["source"]).startswith(text)}


@pytest.mark.parametrize("name", COURSE)
def test_no_slide_is_taller_than_the_projector(lab, projector, shots, name):
    url, _ = lab
    driver = projector
    driver.get(f"{url}/rise/notebooks/{name}")
    try:
        wait_for(driver, f"{name} to open as slides", rise_ready, 120)
        ids = js(driver, "return [...document.querySelectorAll('.reveal .slides section[id^=slide-]')].map(s => s.id)")
        assert len(ids) > 5, f"{name}: only {len(ids)} slides: are its cells' slide types set?"
        tall, sizes = [], []
        for sid in ids:
            js(driver, "location.hash = '#/' + arguments[0]", sid)
            wait_for(driver, f"slide {sid} of {name}", lambda d: (present(d) or [None])[0] == sid, 20)
            wait_for(driver, f"slide {sid} of {name} to settle", settled, 20)
            m = measure(driver)
            sizes.append((sid, m["height"]))
            if m["height"] > HEIGHT or m["width"] > WIDTH:
                tall.append(m)
                driver.save_screenshot(str(shots / f"tall-{name[:2]}-{sid}.png"))
        print(f"{name}: {len(ids)} slides, heights", " ".join(f"{s[6:]}:{h}" for s, h in sizes))
        allowed = known_tall(name)
        unexpected = [m for m in tall if not (len(m["cells"]) == 1 and m["cells"][0] in allowed)]
        assert not unexpected, f"slides of {name} larger than {WIDTH}×{HEIGHT}: {unexpected}"
        still = sorted(allowed - {m["cells"][0] for m in tall})
        assert not still, f"cells {still} of {name} now fit on a slide: remove them from KNOWN_TALL"
    finally:
        _close_sessions(url, name)


# --- the handouts -------------------------------------------------------------------------------

def test_the_handout_command_prints_every_notebook_with_its_pictures(tmp_path):
    """make-handouts.sh as a teacher runs it, into a folder of its own (--out; build/handouts/ by
    default), so that test runs side by side do not share its PDFs."""
    import handouts

    out = tmp_path / "handouts"
    run = subprocess.run([str(ROOT / "make-handouts.sh"), "--out", str(out)], cwd=ROOT, capture_output=True,
                         text=True, timeout=900)
    print(run.stdout, run.stderr)
    assert run.returncode == 0, run.stderr[-3000:]
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert pdfs == [n.replace(".ipynb", ".pdf") for n in COURSE], pdfs
    import nbformat
    for name in COURSE:
        pdf_file = out / name.replace(".ipynb", ".pdf")
        pdf = pdf_file.read_bytes()
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000, name
        nb = nbformat.read(handouts.source_of(name), as_version=4)
        wanted = handouts.png_sizes(nb)
        found = handouts.pdf_images(pdf)
        for size in set(wanted):
            assert found.count(size) >= wanted.count(size), \
                f"{name}: {wanted.count(size)} pictures of {size} px in the notebook, {found.count(size)} in the PDF"
        sections = len(handouts.section_starts(nb))
        pages = handouts.pdf_pages(pdf)
        assert pages >= sections + 1, f"{name}: {pages} pages for {sections + 1} sections"
