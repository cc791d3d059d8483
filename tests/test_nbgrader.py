"""Graded assignments with nbgrader on the Java kernel (classroom/nbgrader/).

In a temporary copy of the course directory: ``nbgrader generate_assignment`` turns the teacher's
source (solutions between ``// BEGIN SOLUTION`` and ``// END SOLUTION``) into the student version,
four students "submit" it, and ``nbgrader autograde`` grades them by running the notebook on the
"Java (cnn-lstm)" kernel. The scores must be exactly: the source's own solutions full points, a
submission with typical mistakes the points of the two it gets right, the student version
unchanged 0, answers that throw 0.
"""
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

pytest.importorskip("nbgrader", reason="nbgrader is not installed (requirements.txt)")
from nbgrader.api import Gradebook  # noqa: E402

from course import CELL_TIMEOUT, ROOT  # noqa: E402

COURSE = ROOT / "classroom" / "nbgrader"
ASSIGNMENT = "exercises"
NOTEBOOK = "exercises.ipynb"
POINTS = {"frame_check": 2, "parameters_check": 1, "uniform_loss_check": 1, "accuracy_check": 1,
          "decision_check": 1, "first_confident_check": 2, "edge_check": 1}

# The mistakes the notebooks' hints are written for; parameter count and decision rule are right.
WRONG = {
    "frame": """boolean[][] myFrame(LineSequence s, int k) {
    boolean[][] image = new boolean[s.size()][s.size()];
    image[s.row(k)][s.col(k)] = true;   // only the newest pixel
    return image;
}""",
    "parameters": """long parameterCount() {
    return 8 * (2 * 2 + 1) + 4 * 50 * (24 * 24 * 8 + 50 + 1) + 50 * 4 + 4;
}""",
    "uniform_loss": """double uniformLoss() {
    return Math.log(1.0 / 4);   // the sign
}""",
    "accuracy": """double accuracyFrom(int[][] m) {
    int right = 0, total = 0;
    for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) { total += m[i][j]; if (i == j) right += m[i][j]; }
    return right / total;   // int division
}""",
    "decision": """Direction decide(double[] p) {
    int best = 0;
    for (int i = 0; i < 4; i++) if (p[i] >= p[best]) best = i;
    return Direction.ofIndex(best);
}""",
    "first_confident": """int firstConfidentFrame(double[][] belief, Direction truth) {
    for (int t = 0; t < belief.length; t++) if (belief[t][truth.index()] > 0.5) return t;   // off by one
    return 0;
}""",
    "edge": """ModelConfig edgeConfig() {
    return ModelConfig.defaults().withPoolSize(3);   // 49 = 3 * 16 + 1: still drops a row
}""",
}
# Answers that compile and throw when they run.
THROWS = {
    "frame": """boolean[][] myFrame(LineSequence s, int k) {
    boolean[][] image = new boolean[s.size()][s.size()];
    image[s.row(k + s.size())][0] = true;
    return image;
}""",
    "parameters": """long parameterCount() {
    long filters = 0;
    return 932_044 / filters;
}""",
    "uniform_loss": """double uniformLoss() {
    String answer = null;
    return Double.parseDouble(answer);
}""",
    "accuracy": """double accuracyFrom(int[][] m) {
    return m[4][4];
}""",
    "decision": """Direction decide(double[] p) {
    return Direction.ofIndex(p.length);
}""",
    "first_confident": """int firstConfidentFrame(double[][] belief, Direction truth) {
    return (int) belief[belief.length][truth.index()];
}""",
    "edge": """ModelConfig edgeConfig() {
    return ModelConfig.defaults().withKernelSize(0);   // no such kernel: the constructor throws
}""",
}
EXPECTED = {"correct": sum(POINTS.values()), "wrong": POINTS["parameters_check"] + POINTS["decision_check"],
            "empty": 0, "throws": 0}


def _nbgrader(course, *args):
    # nbgrader runs alembic (gradebook migrations) from PATH: this environment's
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                          capture_output=True, text=True, timeout=CELL_TIMEOUT)
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    return done.stdout + done.stderr


def _solution_cells(nb):
    return {c["metadata"]["nbgrader"]["grade_id"]: c for c in nb["cells"]
            if c.get("metadata", {}).get("nbgrader", {}).get("solution")}


def _submit(course, student, release, answers):
    nb = json.loads(json.dumps(release))
    cells = _solution_cells(nb)
    assert set(answers) <= set(cells), set(answers) - set(cells)
    for grade_id, source in answers.items():
        cells[grade_id]["source"] = source
    folder = course / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True)
    (folder / NOTEBOOK).write_text(json.dumps(nb, indent=1))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    shutil.copy(COURSE / "nbgrader_config.py", course)
    shutil.copytree(COURSE / "source", course / "source")
    _nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    release = json.loads((course / "release" / ASSIGNMENT / NOTEBOOK).read_text())
    source = json.loads((course / "source" / ASSIGNMENT / NOTEBOOK).read_text())
    correct = {gid: "".join(c["source"]) for gid, c in _solution_cells(source).items()}
    for student, answers in {"correct": correct, "wrong": WRONG, "empty": {}, "throws": THROWS}.items():
        _submit(course, student, release, answers)
    log = _nbgrader(course, "autograde", ASSIGNMENT, "--force")
    with Gradebook(f"sqlite:///{course}/gradebook.db") as gb:
        scores = {s: gb.find_submission(ASSIGNMENT, s).score for s in EXPECTED}
        cells = {s: {gid: gb.find_grade(gid, "exercises", ASSIGNMENT, s).score for gid in POINTS} for s in EXPECTED}
        max_score = gb.find_assignment(ASSIGNMENT).max_score
    print(f"scores (of {max_score:g}): {scores}\nper check: {cells}")
    return {"course": course, "release": release, "scores": scores, "cells": cells, "max": max_score, "log": log}


def test_the_student_version_has_stubs_and_no_solutions(graded):
    text = json.dumps(graded["release"])
    assert "BEGIN SOLUTION" not in text and "Math.log(1.0 / 4)" not in text
    stubs = ["".join(c["source"]) for c in _solution_cells(graded["release"]).values()]
    assert len(stubs) == len(POINTS) and all("throw new UnsupportedOperationException" in s for s in stubs), stubs
    assert all(re.search(r"^\S.*\{\n    // YOUR CODE HERE\n", s) for s in stubs), stubs  # indented like the body


def test_the_four_submissions_get_exactly_their_scores(graded):
    assert graded["max"] == sum(POINTS.values())
    assert graded["scores"] == EXPECTED, (graded["cells"], graded["log"][-3000:])


def test_each_check_scores_all_or_nothing(graded):
    cells = graded["cells"]
    assert cells["correct"] == POINTS
    assert cells["wrong"] == {gid: (p if gid in ("parameters_check", "decision_check") else 0)
                              for gid, p in POINTS.items()}
    assert set(cells["empty"].values()) == {0} and set(cells["throws"].values()) == {0}


def test_a_throwing_answer_shows_its_exception_in_the_graded_notebook(graded):
    nb = json.loads((graded["course"] / "autograded" / "throws" / ASSIGNMENT / NOTEBOOK).read_text())
    errors = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
              if o["output_type"] == "error"]
    assert len(errors) >= len(POINTS), [c.get("outputs") for c in nb["cells"]]
