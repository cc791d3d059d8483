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
import nbclient  # noqa: E402, F401

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tests"))
import course  # noqa: E402
import kernels  # noqa: E402

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
    client = course.notebook_client(nb, path)
    client.reset_execution_trackers()
    cells = []
    t = time.monotonic()
    with client.setup_kernel():  # starts the kernel; shuts it down at the end of the block
        start = time.monotonic() - t
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            t = time.monotonic()
            client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
            first = next((line for line in cell.source.splitlines() if line.strip()), "")
            cells.append((index, first, time.monotonic() - t))
        t = time.monotonic()
    return start, cells, time.monotonic() - t


def restart_costs():
    """(polite shutdown s, immediate shutdown s) of a kernel that ran one line, as a restart pays."""
    costs = []
    for now in (False, True):
        client = kernels.start()
        kernels.execute(client, "int x = 1;")
        client.stop_channels()
        t = time.monotonic()
        client.parent_manager.shutdown_kernel(now=now)
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
