"""What a class on one server costs: runs notebook 03 (training, the heaviest) for N students at once,
each in its own copy of the notebooks and its own kernel, and prints per student the wall time and the
peak memory of its kernel process (VmHWM of the kernel JVM, from /proc).

    .venv/bin/python bench/classroom.py 1 2 4     # class sizes to try, one after the other

Uses the kernelspec "java" of the environment it runs in (./install-kernel.sh first)."""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from hubclass import descendants, status_bytes  # noqa: E402  (the process tree and /proc figures)


def is_java(pid):
    try:
        return pathlib.Path(f"/proc/{pid}/exe").resolve().name == "java"
    except OSError:
        return False


def run_class(students):
    work = pathlib.Path(tempfile.mkdtemp(prefix="cnn-lstm-class-"))
    procs, started, peaks, times = [], [], [0] * students, [None] * students
    for i in range(students):
        home = work / f"student{i + 1}"
        shutil.copytree(ROOT / "notebooks", home / "notebooks")
    t0 = time.monotonic()
    for i in range(students):
        home = work / f"student{i + 1}"
        # the course's own runner, as run-course.sh uses it (nbconvert's code, one kernel)
        procs.append(subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "course.py"), "--output-dir", str(home / "out"),
             "--log", str(home / "run.log"), str(home / "notebooks" / "03-training.ipynb")],
            cwd=home / "notebooks", stdout=subprocess.DEVNULL))
        started.append(time.monotonic())
    # VmHWM is kept per process until it exits: sample it while the kernels live
    while any(p.poll() is None for p in procs):
        for i, p in enumerate(procs):
            if p.poll() is None:
                peak = sum(status_bytes(pid, "VmHWM") for pid in descendants(p.pid) if is_java(pid))
                peaks[i] = max(peaks[i], peak)
            elif times[i] is None:
                times[i] = time.monotonic() - started[i]
        time.sleep(0.3)
    for i, p in enumerate(procs):
        if times[i] is None:
            times[i] = time.monotonic() - started[i]
        if p.returncode != 0:
            log = work / f"student{i + 1}" / "run.log"
            print(f"  student {i + 1}: FAILED\n{log.read_text(errors='replace')[-2000:]}")
    total = time.monotonic() - t0
    shutil.rmtree(work, ignore_errors=True)
    return times, peaks, total, [p.returncode for p in procs]


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1, 2, 4]
    print(f"cores={os.cpu_count()} load={os.getloadavg()[0]:.1f} notebook=03-training.ipynb "
          f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', '(kernelspec)')}")
    for n in sizes:
        times, peaks, total, codes = run_class(n)
        ok = sum(c == 0 for c in codes)
        print(f"students={n} completed={ok}/{n} wall={total:.0f}s "
              f"per_student_s=[{', '.join(f'{t:.0f}' for t in times)}] "
              f"peak_rss_mb=[{', '.join(f'{p / 2**20:.0f}' for p in peaks)}] "
              f"total_peak_mb={sum(peaks) / 2**20:.0f}", flush=True)


if __name__ == "__main__":
    main()
