"""Checks around the notebooks that nbval alone does not make: all of them are there, in order,
tagged and stored correctly, and a missing model stops notebooks 4-6 with a clear message."""
import json
import re

import pytest

import course
import kernels
from course import PLOTLY, chart_outputs, png_size

ROOT = course.ROOT
NOTEBOOKS = course.NOTEBOOKS
EXPECTED = [
    "01-data.ipynb",
    "02-model.ipynb",
    "03-training.ipynb",
    "04-evaluation.ipynb",
    "05-prediction.ipynb",
    "06-insights.ipynb",
]


def test_every_notebook_of_the_course_is_there():
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == EXPECTED


SOLUTIONS = ["solutions/solutions.ipynb"]


@pytest.mark.parametrize("name", EXPECTED + SOLUTIONS)
def test_notebook_is_stored_executed_on_the_java_kernel(name):
    nb = course.read(name)
    assert nb["metadata"]["kernelspec"]["name"] == "java"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    # nbval compares only cells that were executed; a stored error would be compared too
    assert all(c["execution_count"] is not None for c in code), "run the notebook before committing"
    assert not any(o["output_type"] == "error" for c in code for o in c["outputs"])
    # Java cells cannot carry nbval's '# NBVAL_...' comments: tags are the way
    assert not any(re.search(r"^\s*#\s*NBVAL", "".join(c["source"]), re.M) for c in code)


def _cells(name, kind):
    return ["".join(c["source"]) for c in course.read(name)["cells"] if c["cell_type"] == kind]


@pytest.mark.parametrize("name", EXPECTED)
def test_every_notebook_ends_with_exercises_and_a_self_checked_one(name):
    assert any(re.search(r"^## Exercises", m, re.M) for m in _cells(name, "markdown"))
    code = _cells(name, "code")
    checks = [c for c in code if "Exercises.check" in c]
    assert checks, "a runnable exercise needs a check cell"
    # the worked solutions run the same checks (solutions/solutions.ipynb is run by the test command)
    solutions = "\n".join(_cells(SOLUTIONS[0], "code"))
    for check in checks:
        method = re.search(r"Exercises\.(check\w+)", check).group(1)
        assert method in solutions, f"no worked solution runs {method}"


def test_every_worked_solution_passes_its_check():
    nb = course.read(SOLUTIONS[0])
    verdicts = [
        "".join(o["data"]["text/plain"])
        for c in nb["cells"] if c["cell_type"] == "code" and "Exercises.check" in "".join(c["source"])
        for o in c["outputs"] if o.get("output_type") == "execute_result"
    ]
    # one worked solution for every self-checked exercise of the course (06 has two)
    exercises = sum("Exercises.check" in c for name in EXPECTED for c in _cells(name, "code"))
    assert len(verdicts) == exercises, f"{len(verdicts)} worked solutions for {exercises} self-checked exercises"
    assert all(v.startswith("✓") for v in verdicts), verdicts


@pytest.fixture(scope="module")
def kernel():
    with kernels.started(cwd=NOTEBOOKS) as client:
        yield client


def test_a_missing_model_stops_with_what_to_do(kernel, tmp_path):
    missing = tmp_path / "no-model.zip"
    message = kernels.error_message(
        kernel, "io.github.cnnlstm.persistence.ModelStore.load(java.nio.file.Path.of(\"%s\"))" % missing)
    assert str(missing) in message
    assert "run notebook 03-training.ipynb first" in message


def test_bad_input_in_a_cell_names_the_value_and_the_range(kernel):
    message = kernels.error_message(kernel, "new io.github.cnnlstm.data.LineSequenceGenerator(2, 1)")
    assert "size = 2" in message and "4..128" in message


def test_stopping_training_keeps_the_kernel_and_the_history(kernel):
    import time

    setup = """
import io.github.cnnlstm.model.*;
import io.github.cnnlstm.training.*;
var model = CnnLstmModel.create();
var history = new TrainingHistory();
"""
    kernels.outputs(kernel, setup)
    # 50,000 sequences: minutes of work, so the interrupt surely lands mid-training
    msg_id = kernel.execute(
        "Trainer.train(model, TrainingConfig.defaults().withSequences(50_000), history, ProgressListener.none());")
    time.sleep(6)  # a few batches in
    kernel.parent_manager.interrupt_kernel()
    stopped = time.monotonic()
    while True:
        reply = kernel.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    took = time.monotonic() - stopped
    assert took < 10, f"training went on for {took:.1f} s after the interrupt"
    interrupted, batches = kernels.result_text(kernel, "history.interrupted() + \" \" + history.iterations()").split()
    assert interrupted == "true"
    assert 0 < int(batches) < 1563


# the classes that draw a chart in a cell: a notebook whose code uses one must hold its charts
_CHART_MAKERS = re.compile(r"\b(?:LossCurve|ConfusionMatrixChart|InsightCharts|TrainingView)\b")


def test_the_notebooks_with_charts_are_those_that_draw_them():
    """course.NOTEBOOKS_WITH_CHARTS, read from the stored outputs, is what the chart tests (here, in a
    browser, in exports) go through: a notebook whose charts went missing must not drop out of it."""
    drawing = [name for name in EXPECTED if any(_CHART_MAKERS.search(c) for c in _cells(name, "code"))]
    assert drawing and course.NOTEBOOKS_WITH_CHARTS == drawing


def check_chart_bundle(data, where):
    """One chart's output bundle: plotly's figure (valid for plotly's own schema, with a title and
    a trace with data), the same chart as a PNG of a readable size, and its summary as text."""
    import base64

    import plotly.graph_objects as go

    assert set(data) == {PLOTLY, "image/png", "text/plain"}, f"{where}: {sorted(data)}"
    figure = data[PLOTLY]
    assert set(figure) == {"data", "layout"}, where
    go.Figure(figure)  # raises on any property plotly does not know or a value it does not accept
    assert figure["layout"]["title"]["text"].strip(), f"{where}: no title"
    traces = [t for t in figure["data"] if any(len(t.get(k) or []) for k in ("x", "y", "z"))]
    assert traces, f"{where}: no trace with data"
    for axis in ("xaxis", "yaxis"):
        assert figure["layout"][axis]["title"]["text"].strip(), f"{where}: no {axis} title"
    width, height = png_size(base64.b64decode(data["image/png"]))
    assert width >= 400 and height >= 300, f"{where}: picture of {width}x{height}"
    assert "".join(data["text/plain"]).strip(), f"{where}: no summary"


@pytest.mark.parametrize("name", course.NOTEBOOKS_WITH_CHARTS)
def test_every_stored_chart_is_plotly_json_a_picture_and_a_summary(name):
    """JupyterLab draws the plotly JSON (its plotly extension, untrusted notebooks too), static
    viewers and exports show the PNG, terminals the text."""
    charts = chart_outputs(name)
    assert charts, f"{name} holds no chart"
    for i, out in charts:
        check_chart_bundle(out["data"], f"{name} cell {i}")


@pytest.mark.parametrize("name", EXPECTED + SOLUTIONS)
def test_no_notebook_holds_plotly_js_and_each_is_small(name):
    """plotly.js comes from JupyterLab's plotly extension, not from the notebook (it once made three
    notebooks weigh 3.3 MB each)."""
    path = NOTEBOOKS / name
    size = path.stat().st_size
    assert size < 400_000, f"{name} is {size:,} bytes"
    text = path.read_text()
    for marker in ("Plotly.newPlot", "Plotly.react", "plotly.js v", "cnnLstmPlotly", "<script src="):
        assert marker not in text, f"{name} holds plotly.js or a chart script ({marker})"
    nb = json.loads(text)
    for i, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            assert len(json.dumps(out)) < 300_000, f"{name} cell {i} has an output of {len(json.dumps(out)):,} bytes"


def test_jupyterlab_finds_the_plotly_extension():
    """The plotly package (requirements.txt) brings JupyterLab's renderer of the charts."""
    import subprocess
    import sys

    listing = subprocess.run([sys.executable, "-m", "jupyter", "labextension", "list"],
                             capture_output=True, text=True)
    text = re.sub(r"\x1b\[[0-9;]*m", "", listing.stdout + listing.stderr)
    pinned = re.search(r"^plotly==(\S+)", (ROOT / "requirements.txt").read_text(), re.M).group(1)
    assert re.search(rf"jupyterlab-plotly v{re.escape(pinned)} enabled OK", text), text


CHARTS_IN_THE_KERNEL = """
import io.github.cnnlstm.data.*;
import io.github.cnnlstm.evaluation.*;
import io.github.cnnlstm.insights.*;
import io.github.cnnlstm.model.*;
import io.github.cnnlstm.plots.*;
import io.github.cnnlstm.training.*;
var m = CnnLstmModel.create(ModelConfig.defaults().withSize(8));
var h = Trainer.train(m, TrainingConfig.defaults().withSequences(64));
var g = new LineSequenceGenerator(8, 5);
var curves = new java.util.LinkedHashMap<String, double[]>();
curves.put("CNN-LSTM", new double[] {0.6, 1.0});
curves.put("last frame", new double[] {Double.NaN, 0.49});
var charts = java.util.List.of(
        LossCurve.chart(h),
        ConfusionMatrixChart.chart(Evaluator.evaluate(m, g, 16)),
        InsightCharts.earlyAccuracy(EarlyAccuracy.measure(m, g, 8)),
        InsightCharts.belief(m.probabilitiesPerFrame(g.sequences(1))[0], Direction.UP, "one video"),
        InsightCharts.robustness(Robustness.noiseCurve(m, g, 8, 0, 0.01, 0.1), "noise", true),
        InsightCharts.robustness(Robustness.gapCurve(m, g, 8, 0, 0.5), "gaps"),
        InsightCharts.learningCurves("Learning curves", "epochs", new double[] {1, 2}, curves));
for (var c : charts) { c.show(); }
charts.size() + " charts shown"
"""


def test_every_kind_of_chart_shows_as_one_bundle_in_the_kernel(kernel):
    """Through JJava itself: show() sends each chart as one display of plotly JSON, PNG and summary
    (the bundle as built: JJava's display(Object) would turn it into its toString), and a cell
    ending in show() shows the chart, then its summary as the cell's result (no display id)."""
    messages = kernels.outputs(kernel, CHARTS_IN_THE_KERNEL, timeout=300)
    shown = [m["content"]["data"] for m in messages if m["msg_type"] == "display_data"]
    assert len(shown) == 7, [sorted(d) for d in shown]
    for i, data in enumerate(shown):
        check_chart_bundle(data, f"chart {i}")
    assert messages[-1]["content"]["data"]["text/plain"] == "7 charts shown"

    messages = kernels.outputs(kernel, "charts.get(3).show()")
    assert [m["msg_type"] for m in messages] == ["display_data", "execute_result"]
    summary = messages[1]["content"]["data"]
    assert summary == {"text/plain": messages[0]["content"]["data"]["text/plain"]}
    assert summary["text/plain"].startswith("Belief curve: one video. Up "), summary


def test_the_training_view_updates_its_progress_and_its_chart_in_place(kernel):
    """Notebook 03's training display: a progress line (HTML) and the loss chart, each one display
    updated in place; only the last chart update carries the picture."""
    code = ("Trainer.train(CnnLstmModel.create(ModelConfig.defaults().withSize(8)), "
            "TrainingConfig.defaults().withSequences(2_000), new TrainingHistory(), new TrainingView().show());"
            " \"done\"")
    messages = kernels.outputs(kernel, "import io.github.cnnlstm.model.*;\nimport io.github.cnnlstm.training.*;\n"
                                       "import io.github.cnnlstm.plots.*;\n" + code, timeout=300)
    displays = [m for m in messages if m["msg_type"] == "display_data"]
    assert len(displays) == 2, [m["content"]["data"].keys() for m in displays]
    progress_id, chart_id = (m["content"]["transient"]["display_id"] for m in displays)
    assert "text/html" in displays[0]["content"]["data"] and PLOTLY in displays[1]["content"]["data"]
    updates = [m["content"] for m in messages if m["msg_type"] == "update_display_data"]
    assert {u["transient"]["display_id"] for u in updates} == {progress_id, chart_id}
    last_progress = [u["data"] for u in updates if u["transient"]["display_id"] == progress_id][-1]
    assert "2,000 / 2,000 sequences" in last_progress["text/plain"], last_progress["text/plain"]
    assert "<progress" in last_progress["text/html"]
    charts = [u["data"] for u in updates if u["transient"]["display_id"] == chart_id and PLOTLY in u["data"]]
    assert all("image/png" not in c for c in charts[:-1]), "a live update carries no picture"
    check_chart_bundle(charts[-1], "the last update of the loss chart")
    assert charts[-1]["text/plain"].startswith("Loss curve: 2,000 of 2,000 sequences")


def test_the_kernel_chooses_the_blas_set_up_before_any_cell(kernel):
    """The kernelspec's start-up chooses OpenBLAS's kernel and one thread before any cell, and loads
    ND4J in the background: a first cell that uses ND4J at once finds OpenBLAS (as OpenBLAS itself
    reports) on one thread, and the summary says the choice came before OpenBLAS loaded."""
    code = ('org.nd4j.linalg.factory.Nd4j.ones(2).sumNumber() + " " + io.github.cnnlstm.base.Numerics.blasThreads()'
            ' + " " + io.github.cnnlstm.base.Numerics.configure()')
    _, threads, summary = kernels.result_text(kernel, code).split(" ", 2)
    assert threads == "1", summary
    assert "had loaded before" not in summary, summary
    assert summary.endswith("1 BLAS thread"), summary


def test_one_conda_environment_file_for_conda_and_repo2docker():
    top = ROOT / "environment.yml"
    assert top.is_file()
    # repo2docker reads only binder/ once it exists: there the same file, through a link
    assert (ROOT / "binder" / "environment.yml").resolve() == top.resolve()


# What JupyterLab shows of an output bundle: the first of these types it holds (its renderers'
# ranks; plotly's renderer outranks every built-in one). GitHub, nbviewer and nbconvert skip the
# plotly type and show the next one.
_DISPLAY_ORDER = ["application/vnd.plotly.v1+json", "text/html", "text/markdown", "image/svg+xml",
                  "image/png", "image/gif", "image/jpeg", "text/plain"]
_TEXT_TYPES = {"text/html", "text/markdown", "text/plain"}
# Prose that points at printed words: "the two lines above", "the line under the chart", "the
# tables above". Each must be visible text in the outputs of the code cell just before it.
_POINTER = re.compile(r"\b(?:line|lines|table|tables|sentence)\b(?: \w+){0,2} (?:above|under the chart)", re.I)


def visible_text(output):
    """The text a reader sees of one stored output, or None if it shows as a picture or chart."""
    if output["output_type"] == "stream":
        return "".join(output["text"])
    data = output.get("data", {})
    for mime in _DISPLAY_ORDER:
        if mime in data:
            if mime not in _TEXT_TYPES:
                return None
            return "".join(data[mime])
    return None


def pointers_without_visible_text(cells):
    """(cell index, phrase) for each phrase of prose that points at printed words the code cell
    before it does not show as visible text."""
    missing = []
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "markdown":
            continue
        for match in _POINTER.finditer("".join(cell["source"])):
            before = next((c for c in reversed(cells[:i]) if c["cell_type"] == "code"), None)
            shown = [visible_text(o) for o in (before or {}).get("outputs", [])]
            if not any(text and text.strip() for text in shown):
                missing.append((i, match.group(0)))
    return missing


@pytest.mark.parametrize("name", EXPECTED)
def test_what_the_prose_points_at_is_visible_text(name):
    cells = json.loads((NOTEBOOKS / name).read_text())["cells"]
    assert pointers_without_visible_text(cells) == []


def test_a_summary_only_in_text_plain_beside_a_chart_is_not_visible():
    chart = {"output_type": "display_data", "data": {
        "application/vnd.plotly.v1+json": {"data": [], "layout": {}}, "image/png": "iVBOR",
        "text/plain": "Belief curve: Up leads from frame 11 on"}}
    cells = [{"cell_type": "code", "outputs": [chart]},
             {"cell_type": "markdown", "source": "The line under the chart says it."}]
    assert pointers_without_visible_text(cells) == [(1, "line under the chart")]
    cells[0]["outputs"].append({"output_type": "execute_result",
                                "data": {"text/plain": "Belief curve: Up leads from frame 11 on"}})
    assert pointers_without_visible_text(cells) == []
