"""The course as a student waits for it: where the wall time of running the numbered notebooks goes.

    bench/course [NOTEBOOK ...]      (installs first; or .venv/bin/python bench/course.py)

For each notebook, in order and each in a new Java kernel as run-course.sh runs them: the kernel's
start (until it answers), the cells, the shutdown, and the heaviest cells; then the course's total
wall time, the three heaviest cells of the course, and what a student's kernel restart costs: a
JupyterLab-style polite shutdown against the immediate one the headless runs use. Prints the CPU
and the BLAS environment first, since every figure depends on them. Outputs are not saved:
notebooks/ is left as it is (notebook 3 writes build/model/cnn-lstm.zip, as run-course.sh does).
"""
import os
import pathlib
import platform
import sys
import time

T0 = time.monotonic()
import nbformat  # noqa: E402  (timed: the imports are part of what a headless run pays)
from jupyter_client.manager import start_new_kernel  # noqa: E402
from nbclient import NotebookClient  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tests"))
import course  # noqa: E402
from kernels import KERNEL_NAME, STARTUP_TIMEOUT  # noqa: E402

IMPORTS = time.monotonic() - T0


def cpu():
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def run(path):
    """(kernel start s, [(cell index, first line, s)], shutdown s) of one notebook."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=course.CELL_TIMEOUT,
                            startup_timeout=STARTUP_TIMEOUT, shutdown_kernel="immediate",
                            resources={"metadata": {"path": str(path.parent)}})
    client.reset_execution_trackers()
    cells = []
    t = time.monotonic()
    context = client.setup_kernel()
    context.__enter__()
    try:
        start = time.monotonic() - t
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            t = time.monotonic()
            client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
            first = next((line for line in cell.source.splitlines() if line.strip()), "")
            cells.append((index, first, time.monotonic() - t))
    finally:
        t = time.monotonic()
        context.__exit__(None, None, None)
        shutdown = time.monotonic() - t
    return start, cells, shutdown


def restart_costs():
    """(polite shutdown s, immediate shutdown s) of a kernel that ran one line, as a restart pays."""
    costs = []
    for now in (False, True):
        manager, client = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=STARTUP_TIMEOUT)
        client.execute_interactive("int x = 1;", timeout=60)
        client.stop_channels()
        t = time.monotonic()
        manager.shutdown_kernel(now=now)
        costs.append(time.monotonic() - t)
    return costs


def main(argv):
    paths = [pathlib.Path(a).resolve() for a in argv] or course.numbered()
    print(f"CPU: {cpu()}, {os.cpu_count()} cores; "
          + (", ".join(f"{k}={v}" for k, v in os.environ.items() if "BLAS" in k.upper()) or "no BLAS variable set"))
    print(f"imports (nbformat, nbclient, jupyter_client): {IMPORTS:.1f} s")
    print(f"{'notebook':<22} {'start':>6} {'cells':>7} {'shutdown':>9} {'total':>7}   heaviest cells (index: s)")
    wall = time.monotonic()
    heaviest = []
    for path in paths:
        t = time.monotonic()
        start, cells, shutdown = run(path)
        total = time.monotonic() - t
        ranked = sorted(cells, key=lambda c: -c[2])
        heaviest += [(path.name, *c) for c in ranked[:3]]
        print(f"{path.name:<22} {start:5.1f}s {sum(c[2] for c in cells):6.1f}s {shutdown:8.2f}s {total:6.1f}s   "
              + ", ".join(f"{i}: {s:.1f}" for i, _, s in ranked[:3]), flush=True)
    wall = time.monotonic() - wall
    print(f"course: {wall:.0f} s of wall time for {len(paths)} notebooks (with the imports {wall + IMPORTS:.0f} s)")
    print("the course's three heaviest cells:")
    for name, index, first, seconds in sorted(heaviest, key=lambda h: -h[3])[:3]:
        print(f"  {seconds:5.1f} s  {name} cell {index}: {first[:70]}")
    polite, immediate = restart_costs()
    print(f"kernel shutdown after one line: polite (JupyterLab's restart) {polite:.2f} s, immediate {immediate:.2f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
