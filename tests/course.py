"""The course's notebooks: which there are and which hold charts, read from the notebooks
themselves; how long one cell may run; and running them headlessly. For the tests, bench/ and
run-course.sh.

A chart is one output holding plotly's figure (``application/vnd.plotly.v1+json``) beside its PNG
and summary; ``NOTEBOOKS_WITH_CHARTS`` are the numbered notebooks whose committed outputs hold one.

As a command (run-course.sh, bench/classroom.py), it runs notebooks one after the other:

    python tests/course.py (--output-dir DIR | --inplace) [--log FILE] NOTEBOOK...

printing one line per notebook, its name and seconds. Everything else (nbclient's messages, the
kernels' own output) goes to FILE; on a failure the line says FAILED and names it.
"""
import argparse
import configparser
import json
import os
import pathlib
import re
import sys
import time

from kernels import KERNEL_NAME, STARTUP_TIMEOUT

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


class NotebookFailed(Exception):
    def __init__(self, notebook, seconds, error=""):
        super().__init__(f"{notebook} failed after {seconds:.0f} s" + (f": {error}" if error else ""))
        self.notebook, self.seconds, self.error = notebook, seconds, error


def notebook_client(nb, path):
    """nbclient's runner for notebook ``nb`` read from ``path``, as the course runs notebooks: the
    Java kernel started in the notebook's folder, CELL_TIMEOUT per cell, shut down at once after
    the last cell (nothing of it is needed after). For execute() and bench/course.py."""
    from nbclient import NotebookClient

    return NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=CELL_TIMEOUT, startup_timeout=STARTUP_TIMEOUT,
                          shutdown_kernel="immediate",
                          resources={"metadata": {"path": str(pathlib.Path(path).resolve().parent)}})


def execute(notebooks, output_dir=None, report=lambda notebook, seconds: None):
    """Runs each notebook in a new Java kernel, one after the other, in this process (nbclient, the
    code of ``jupyter nbconvert --to notebook --execute``): into ``output_dir``, or in place if it is
    None (``notebook_client``). Calls ``report(notebook, seconds)`` after each; raises NotebookFailed
    at the first that fails, after logging why to stderr. A notebook is written whole or not at all."""
    import nbformat

    for path in map(pathlib.Path, notebooks):
        t0 = time.monotonic()
        nb = nbformat.read(path, as_version=4)
        client = notebook_client(nb, path)
        try:
            client.execute()
        except Exception as e:  # a cell's error, a timeout, a dead kernel
            print(f"Error while executing {path}:\n{e}", file=sys.stderr, flush=True)
            # a cell's exception (JJava's traceback holds only the stack): its class and message
            error = f"{e.ename}: {e.evalue}" if getattr(e, "ename", None) else f"{type(e).__name__}: {e}"
            raise NotebookFailed(str(path), time.monotonic() - t0, error.splitlines()[0]) from None
        target = path if output_dir is None else pathlib.Path(output_dir) / path.name
        tmp = target.with_name(target.name + ".tmp")
        nbformat.write(nb, tmp)
        os.replace(tmp, target)
        report(str(path), time.monotonic() - t0)


def _name(notebook):
    path = pathlib.Path(notebook).resolve()
    return str(path.relative_to(NOTEBOOKS)) if path.is_relative_to(NOTEBOOKS) else path.name


def main(argv=None):
    parser = argparse.ArgumentParser(description="Runs notebooks headlessly, one line each.")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--output-dir", type=pathlib.Path, help="write the executed notebooks here")
    where.add_argument("--inplace", action="store_true", help="write the outputs back into the notebooks")
    parser.add_argument("--log", type=pathlib.Path, help="where nbclient's and the kernels' own output goes")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args(argv)
    # The lines go to the real stdout; file descriptors 1 and 2, which the kernels inherit, go to the log.
    lines = os.fdopen(os.dup(1), "w", buffering=1)
    if args.log:
        args.log.parent.mkdir(parents=True, exist_ok=True)
        with open(args.log, "w") as log:
            os.dup2(log.fileno(), 1)
            os.dup2(log.fileno(), 2)
    if args.output_dir:
        args.output_dir.mkdir(parents=True, exist_ok=True)
    try:
        execute(args.notebooks, args.output_dir,
                report=lambda notebook, seconds: print(f"==> {_name(notebook):<28} {seconds:.0f} s", file=lines))
    except NotebookFailed as failed:
        sys.stdout.flush()
        sys.stderr.flush()
        print(f"==> {_name(failed.notebook):<28} FAILED after {failed.seconds:.0f} s"
              + (f": {failed.error}" if failed.error else ""), file=lines)
        if args.log:
            text = args.log.read_text(errors="replace")
            cell = text.rfind("An error occurred while executing the following cell")
            shown = (text[cell:] if cell >= 0 else text).splitlines()[:40 if cell >= 0 else None][-40:]
            print("\n".join(shown) + f"\n==> The whole log: {args.log}", file=lines)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
