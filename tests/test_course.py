"""Checks around the notebooks that nbval alone does not make: all of them are there, in order,
tagged and stored correctly, and a missing model stops notebooks 4-6 with a clear message."""
import json
import pathlib
import re

import pytest
from jupyter_client.manager import start_new_kernel

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
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
    nb = json.loads((NOTEBOOKS / name).read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "java"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    # nbval compares only cells that were executed; a stored error would be compared too
    assert all(c["execution_count"] is not None for c in code), "run the notebook before committing"
    assert not any(o["output_type"] == "error" for c in code for o in c["outputs"])
    # Java cells cannot carry nbval's '# NBVAL_...' comments: tags are the way
    assert not any(re.search(r"^\s*#\s*NBVAL", "".join(c["source"]), re.M) for c in code)


def _cells(name, kind):
    return ["".join(c["source"]) for c in json.loads((NOTEBOOKS / name).read_text())["cells"] if c["cell_type"] == kind]


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
    nb = json.loads((NOTEBOOKS / SOLUTIONS[0]).read_text())
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
    km, kc = start_new_kernel(kernel_name="java", startup_timeout=120, cwd=str(NOTEBOOKS))
    kc.parent_manager = km
    yield kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


outputs = []


def test_a_missing_model_stops_with_what_to_do(kernel, tmp_path):
    outputs.clear()
    missing = tmp_path / "no-model.zip"
    reply = kernel.execute_interactive(
        "io.github.cnnlstm.persistence.ModelStore.load(java.nio.file.Path.of(\"%s\"))" % missing,
        timeout=120, output_hook=outputs.append)
    assert reply["content"]["status"] == "error"
    errors = [m["content"] for m in outputs if m["msg_type"] == "error"]
    assert errors, outputs
    message = errors[0]["evalue"]
    assert str(missing) in message
    assert "run notebook 03-training.ipynb first" in message


def test_bad_input_in_a_cell_names_the_value_and_the_range(kernel):
    outputs.clear()
    reply = kernel.execute_interactive(
        "new io.github.cnnlstm.data.LineSequenceGenerator(2, 1)", timeout=120, output_hook=outputs.append)
    assert reply["content"]["status"] == "error"
    message = [m["content"] for m in outputs if m["msg_type"] == "error"][0]["evalue"]
    assert "size = 2" in message and "4..128" in message


def test_stopping_training_keeps_the_kernel_and_the_history(kernel):
    import time

    setup = """
import io.github.cnnlstm.model.*;
import io.github.cnnlstm.training.*;
var model = CnnLstmModel.create();
var history = new TrainingHistory();
"""
    assert kernel.execute_interactive(setup, timeout=120)["content"]["status"] == "ok"
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
    outputs.clear()
    reply = kernel.execute_interactive(
        "history.interrupted() + \" \" + history.iterations()", timeout=60, output_hook=outputs.append)
    assert reply["content"]["status"] == "ok"
    text = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"][0]
    interrupted, batches = text.strip('"').split()
    assert interrupted == "true"
    assert 0 < int(batches) < 1563


def _scripts(name):
    nb = json.loads((NOTEBOOKS / name).read_text())
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            html = out.get("data", {}).get("text/html")
            if html:
                html = "".join(html) if isinstance(html, list) else html
                yield from re.findall(r"<script>(.*?)</script>", html, re.S)


@pytest.mark.parametrize("name", ["03-training.ipynb", "04-evaluation.ipynb", "06-insights.ipynb"])
def test_chart_scripts_are_valid_javascript(name, tmp_path):
    """A syntax error in a chart's script leaves it blank without any message: check them all."""
    import shutil
    import subprocess

    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    scripts = list(_scripts(name))
    assert len(scripts) >= 2, "the notebook should hold plotly.js and at least one chart"
    for i, script in enumerate(scripts):
        path = tmp_path / f"script{i}.js"
        path.write_text(script)
        check = subprocess.run([node, "--check", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, f"{name} script {i}: {check.stderr[:500]}"


def test_the_kernel_chooses_the_blas_set_up_before_any_cell(kernel):
    """The kernelspec's start-up script runs Numerics.configure() before the first cell: OpenBLAS
    already runs one thread, and (on a CPU with AVX2, unless overridden) the Haswell kernels."""
    outputs.clear()
    code = ('org.nd4j.linalg.factory.Nd4j.factory().blas().getMaxThreads() + " " '
            '+ io.github.cnnlstm.base.Numerics.configure()')
    reply = kernel.execute_interactive(code, timeout=120, output_hook=outputs.append)
    assert reply["content"]["status"] == "ok"
    text = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"][0]
    threads, summary = text.strip('"').split(" ", 1)
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
