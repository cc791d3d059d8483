"""The course's notebooks: which there are and which hold charts, read from the notebooks
themselves, and how long one cell may run. For the tests and bench/.

A chart is one output holding plotly's figure (``application/vnd.plotly.v1+json``) beside its PNG
and summary; ``NOTEBOOKS_WITH_CHARTS`` are the numbered notebooks whose committed outputs hold one.
"""
import configparser
import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
PLOTLY = "application/vnd.plotly.v1+json"


def _cell_timeout():
    """nbval's --nbval-cell-timeout in pytest.ini, the one place the number is written."""
    ini = configparser.ConfigParser()
    ini.read(ROOT / "pytest.ini")
    return int(re.search(r"--nbval-cell-timeout=(\d+)", ini["pytest"]["addopts"]).group(1))


# Seconds one cell of the course may run (the training cell on a slow, shared machine): for nbval,
# run-course.sh, a notebook run on the class hub and nbgrader's grading.
CELL_TIMEOUT = _cell_timeout()


def numbered():
    """The course's notebooks, in order: notebooks/NN-*.ipynb."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def read(name):
    """A committed notebook as JSON; ``name`` relative to notebooks/ (``solutions/solutions.ipynb``)."""
    return json.loads((NOTEBOOKS / name).read_text())


def chart_outputs(name):
    """(cell index, output) of every chart in a committed notebook, in order."""
    return [(i, out) for i, cell in enumerate(read(name)["cells"]) for out in cell.get("outputs", [])
            if PLOTLY in out.get("data", {})]


NOTEBOOK_NAMES = [p.name for p in numbered()]
NOTEBOOKS_WITH_CHARTS = [name for name in NOTEBOOK_NAMES if chart_outputs(name)]


def png_size(png):
    """(width, height) from a PNG's header (bytes)."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n"), png[:16]
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")

