"""Printed handouts: a PDF of each executed course notebook, in build/handouts/ (make-handouts.sh).

Each notebook is taken as committed in notebooks/, or from build/notebooks/ (run-course.sh's
executed copies) where that copy is newer. nbconvert turns it into HTML with JupyterLab's look, and
headless Chromium (Debian's chromium and chromedriver, driven by selenium, as in the browser tests)
prints that page to an A4 PDF:

* every chart is its picture: a chart's output holds plotly's JSON and the PNG of the same chart,
  and nbconvert's HTML shows the PNG (no plotly.js, no script draws anything);
* every formula is typeset by MathJax 2.7 from the jupyter-server-mathjax package (requirements.txt),
  loaded from disk with its STIX web fonts (the set-up of Jupyter's classic notebook), so printing
  needs no network;
* text tables and long lines wrap inside the page instead of being cut off;
* each section starts on a new page: before every cell that starts a slide (metadata.slideshow,
  the sections of the slides) or, in a notebook without slide types, a "## " heading;
* a header names the notebook, a footer numbers the pages.

    python tests/handouts.py [--out DIR] [NOTEBOOK.ipynb ...]

prints one line per handout (pages, pictures, formulas) and exits non-zero if a notebook could not
be printed.
"""
import argparse
import base64
import functools
import html
import http.server
import pathlib
import re
import shutil
import sys
import tempfile
import threading
import time

import nbformat
from jinja2 import DictLoader
from nbconvert import HTMLExporter

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
BUILT = ROOT / "build" / "notebooks"
OUT = ROOT / "build" / "handouts"
PAGE_BREAK = "handout-section"  # a class of the cells a new page starts with

# print styles on top of nbconvert's JupyterLab template
CSS = """
@page { size: A4; margin: 15mm 11mm 15mm 11mm; }
:root, body {
    --jp-cell-prompt-width: 54px !important; --jp-code-font-size: 7.5pt !important;
    --jp-content-font-size1: 9.5pt !important; --jp-notebook-padding: 0 !important;
    --jp-cell-padding: 2px !important;
}
body, main, .jp-Notebook { margin: 0 !important; padding: 0 !important; background: white; }
.jp-Cell.handout-section { break-before: page; }
.jp-RenderedHTMLCommon h1, .jp-RenderedHTMLCommon h2, .jp-RenderedHTMLCommon h3 { break-after: avoid; }
.jp-CodeCell, .jp-InputArea, .jp-OutputArea-child { break-inside: avoid; }
.jp-InputArea-editor pre, .jp-OutputArea-output pre, .jp-RenderedHTMLCommon pre {
    white-space: pre-wrap !important; overflow-wrap: anywhere; font-size: 7.5pt !important; line-height: 1.3 !important;
}
.jp-InputPrompt, .jp-OutputPrompt { font-size: 7pt !important; }
.jp-OutputArea-output img { max-width: 100%; height: auto; }
.MathJax_Display { overflow: visible !important; }
"""

# the JupyterLab template without its network scripts (require.js, mermaid, widgets), with MathJax
# from disk, and the print styles
TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}
{%- if resources.handout_mathjax -%}
<script type="text/x-mathjax-config">
MathJax.Hub.Config({
  TeX: {extensions: ["AMSmath.js", "AMSsymbols.js", "noErrors.js", "noUndefined.js"]},
  tex2jax: {inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]], displayMath: [["$$", "$$"], ["\\\\[", "\\\\]"]],
            processEscapes: true, processEnvironments: true},
  "HTML-CSS": {availableFonts: [], imageFont: null, preferredFont: null, webFont: "STIX-Web",
               linebreaks: {automatic: true}},
  displayAlign: "center", messageStyle: "none", showMathMenu: false
});
</script>
<script src="{{ resources.handout_mathjax }}?config=TeX-AMS-MML_HTMLorMML-full,Safe"></script>
{%- endif -%}
{%- endblock html_head_js_mathjax -%}
{%- block html_head_css -%}<style>{{ resources.handout_css }}</style>{%- endblock html_head_css -%}
"""


def source_of(name):
    """The notebook to print: build/notebooks/NAME if it is newer than notebooks/NAME."""
    committed, built = NOTEBOOKS / name, BUILT / name
    if built.is_file() and built.stat().st_mtime > committed.stat().st_mtime:
        return built
    return committed


def course_notebooks():
    return sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def mathjax_dir():
    """The folder of MathJax.js in the jupyter-server-mathjax package, or None."""
    try:
        import jupyter_server_mathjax
    except ImportError:
        return None
    static = pathlib.Path(jupyter_server_mathjax.__file__).parent / "static"
    return static if (static / "MathJax.js").is_file() else None


class _Files(http.server.SimpleHTTPRequestHandler):
    """The pages from their folder, MathJax under /mathjax/ (web fonts are not loaded from file: URLs)."""

    def __init__(self, *args, pages, mathjax, **kwargs):
        self.mathjax = mathjax
        super().__init__(*args, directory=pages, **kwargs)

    def translate_path(self, path):
        if self.mathjax and path.startswith("/mathjax/"):
            return str(pathlib.Path(self.mathjax) / path.split("?")[0][len("/mathjax/"):])
        return super().translate_path(path)

    def log_message(self, *args):
        pass


def serve(pages):
    """A web server on 127.0.0.1 for the pages' folder and MathJax, in a thread; returns (server, url)."""
    handler = functools.partial(_Files, pages=str(pages), mathjax=mathjax_dir())
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def section_starts(nb):
    """Indices of the cells a new page starts with: those that start a slide, or, in a notebook
    without slide types, markdown cells that start with a "## " heading. Never the first cell."""
    slides = [i for i, c in enumerate(nb.cells)
              if c.metadata.get("slideshow", {}).get("slide_type") == "slide"]
    if not slides:
        slides = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.startswith("## ")]
    return [i for i in slides if i > 0]


def png_sizes(nb):
    """(width, height) of every PNG among the notebook's outputs (charts and images), in order."""
    sizes = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            if png:
                raw = base64.b64decode("".join(png) if isinstance(png, list) else png)
                sizes.append((int.from_bytes(raw[16:20], "big"), int.from_bytes(raw[20:24], "big")))
    return sizes


def to_html(path, title):
    """The notebook as a self-contained HTML page for printing; the cells a section starts with carry
    the class PAGE_BREAK."""
    nb = nbformat.read(path, as_version=4)
    exporter = HTMLExporter(template_name="lab", extra_loaders=[DictLoader({"handout.html.j2": TEMPLATE})],
                            template_file="handout.html.j2", embed_images=True)
    resources = {"handout_mathjax": "/mathjax/MathJax.js" if mathjax_dir() else None, "handout_css": CSS,
                 "metadata": {"name": title}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    # the template gives each cell's outer element its id: <div class="jp-Cell …" id="cell-id=ID">
    for i in section_starts(nb):
        cell_id = nb.cells[i].get("id")
        pattern = re.compile(r'(<div class="jp-Cell )([^"]*)(" id="cell-id=' + re.escape(str(cell_id)) + '")')
        body, found = pattern.subn(r"\1" + PAGE_BREAK + r" \2\3", body, count=1)
        if not found:
            raise RuntimeError(f"cell {i} (id {cell_id}) not found in the HTML: no page break before it")
    return nb, body


def chromium():
    """Headless Debian Chromium through chromedriver (no browser download)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        sys.exit("make-handouts: Chromium and chromedriver are needed: run tests/install-browser.sh "
                 "(Debian: apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,1400"):
        options.add_argument(arg)
    return webdriver.Chrome(options=options, service=Service(driver))


def typeset(driver, timeout=90):
    """Waits until MathJax has typeset the page; returns the number of formulas, or None without
    MathJax. Raises if a formula failed or MathJax did not finish."""
    deadline = time.monotonic() + timeout
    while True:
        state = driver.execute_script(
            "if (!window.MathJax || !MathJax.Hub) { return null; }"
            "const started = MathJax.Hub.Startup.signal.posted.some(m => String(m) === 'End');"
            "return [started && MathJax.Hub.queue.pending === 0 && !MathJax.Hub.queue.running,"
            "        document.querySelectorAll('.MathJax, .MathJax_Display').length,"
            "        document.querySelectorAll('.MathJax_Error, .noError, merror').length];")
        if state is None:
            return None
        done, formulas, errors = state
        if done:
            break
        if time.monotonic() > deadline:
            raise RuntimeError(f"MathJax had not finished after {timeout} s")
        time.sleep(0.25)
    if errors:
        raise RuntimeError(f"MathJax could not typeset {errors} formula(s)")
    return formulas


def header_footer(title):
    style = "font-family: sans-serif; font-size: 8px; color: #555; width: 100%; margin: 0 13mm;"
    return (f'<div style="{style} text-align: left;">{html.escape(title)} · cnn-lstm-notebooks</div>',
            f'<div style="{style} text-align: right;"><span class="pageNumber"></span> / '
            f'<span class="totalPages"></span></div>')


def print_pdf(driver, url, title):
    driver.get(url)
    formulas = typeset(driver)
    images = driver.execute_script(
        "return [...document.images].filter(i => !i.complete || i.naturalWidth === 0).length")
    if images:
        raise RuntimeError(f"{images} picture(s) did not load")
    header, footer = header_footer(title)
    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {
        "printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": True,
        "headerTemplate": header, "footerTemplate": footer})["data"])
    return pdf, formulas


def pdf_pages(pdf):
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def pdf_images(pdf):
    """(width, height) of every image object in a PDF (its dictionary names /Subtype /Image)."""
    sizes = []
    for m in re.finditer(rb"/Subtype\s*/Image", pdf):
        window = pdf[max(0, m.start() - 300):m.end() + 300]
        w, h = re.search(rb"/Width\s+(\d+)", window), re.search(rb"/Height\s+(\d+)", window)
        if w and h:
            sizes.append((int(w.group(1)), int(h.group(1))))
    return sizes


def title_of(nb, name):
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("# "):
            return cell.source.splitlines()[0][2:].strip()
    return name


def main(argv=None):
    parser = argparse.ArgumentParser(description="Writes a PDF handout of each course notebook.")
    parser.add_argument("--out", type=pathlib.Path, default=OUT, help="folder of the PDFs (build/handouts)")
    parser.add_argument("notebooks", nargs="*", help="notebook names (default: every numbered notebook)")
    args = parser.parse_args(argv)
    names = [pathlib.Path(n).name for n in args.notebooks] or course_notebooks()
    args.out.mkdir(parents=True, exist_ok=True)
    if mathjax_dir() is None:
        print("make-handouts: jupyter-server-mathjax is not installed (requirements.txt): formulas stay as TeX",
              file=sys.stderr)
    driver = chromium()
    failed = []
    try:
        with tempfile.TemporaryDirectory(prefix="handouts-") as tmp:
            server, base = serve(tmp)
            for name in names:
                start = time.monotonic()
                source = source_of(name)
                try:
                    nb, body = to_html(source, name)
                    title = title_of(nb, name)
                    page = pathlib.Path(tmp) / name.replace(".ipynb", ".html")
                    page.write_text(body, encoding="utf-8")
                    pdf, formulas = print_pdf(driver, f"{base}/{page.name}", title)
                except Exception as e:  # one line per notebook, then the others
                    failed.append(name)
                    print(f"{name}: FAILED: {str(e).strip().splitlines()[0]}", file=sys.stderr)
                    continue
                target = args.out / name.replace(".ipynb", ".pdf")
                target.write_bytes(pdf)
                pictures = len(png_sizes(nb))
                print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: "
                      f"{pdf_pages(pdf)} pages, {pictures} picture{'s' * (pictures != 1)}, {formulas or 0} formulas, "
                      f"{len(pdf) // 1024} KB, from {source.relative_to(ROOT)} ({time.monotonic() - start:.1f} s)")
            server.shutdown()
    finally:
        driver.quit()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
