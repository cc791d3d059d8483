"""What a class costs on a real JupyterHub: N students at once, each with their own server and home,
run notebook 03 (training) and then 04 (evaluation) through the hub's proxy, cell by cell over the
kernel websocket (tests/hubclass.py, the same code as tests/test_hub.py). Prints per class size:
how many completed, wall time per student (server start, upload, both notebooks), the peak memory
(VmHWM) of each student's kernels, and the whole class's time and memory.

    .venv/bin/python bench/classroom_hub.py 1 3 8     # class sizes to try, one after the other

Needs ./install-kernel.sh and tests/install-hub.sh first (./run-tests.sh runs both).
"""
import concurrent.futures
import os
import pathlib
import shutil
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tests"))
import hubclass  # noqa: E402


def run_class(students):
    work = tempfile.mkdtemp(prefix="cnn-lstm-hub-class-")
    # culling does not matter here: a long timeout so no kernel is culled while a class starts
    hub = hubclass.Hub(work, students=[f"student{i + 1}" for i in range(students)], kernel_idle=600)
    try:
        hub.start()
        t0 = time.monotonic()
        names = [f"student{i + 1}" for i in range(students)]
        with concurrent.futures.ThreadPoolExecutor(students) as pool:
            results = list(pool.map(lambda name: hubclass.run_student(hub, name), names))
        total = time.monotonic() - t0
        for r in results:
            if r["error"]:
                print(f"  {r['name']}: FAILED {r['error']}", flush=True)
        return results, total
    finally:
        hub.stop()
        shutil.rmtree(work, ignore_errors=True)


def mb(b):
    return f"{b / 2**20:,.0f}"


def span(values, fmt):
    lo, hi = min(values), max(values)
    return fmt(lo) if fmt(lo) == fmt(hi) else f"{fmt(lo)}–{fmt(hi)}"


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1, 3, 8]
    print(f"cores={os.cpu_count()} load={os.getloadavg()[0]:.1f} notebooks=03-training, 04-evaluation "
          f"(one kernel each) via JupyterHub {__import__('jupyterhub').__version__}", flush=True)
    rows = []
    for n in sizes:
        results, total = run_class(n)
        ok = [r for r in results if r["error"] is None]
        p03 = [r["peaks"].get("03-training.ipynb", 0) for r in ok]
        p04 = [r["peaks"].get("04-evaluation.ipynb", 0) for r in ok]
        row = (f"| {n} | {len(ok)} of {n} | {span([r['seconds'] for r in results], lambda s: f'{s:.0f}')} s "
               f"| {span(p03, mb) if ok else '–'} MB | {span(p04, mb) if ok else '–'} MB "
               f"| {total:.0f} s | {sum(p03) / 2**30:.1f} GB |")
        rows.append(row)
        print(row, flush=True)
    print("\n| students | completed | wall time per student (server start, 03, 04) | peak memory, kernel of 03 "
          "| peak memory, kernel of 04 | whole class | kernels of 03 together |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
