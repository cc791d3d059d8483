"""The Java kernel ends with the process that started it, as Python's kernel does, and at once when
it is asked to shut down.

A Jupyter server that is killed, or a hub user's server that is stopped or culled, must not leave
its Java kernels running (each a JVM of several hundred MB). A restart must not keep the student
waiting for the old JVM."""
import os
import pathlib
import signal
import subprocess
import sys
import time

import kernels
from polling import alive, eventually

# Started in its own process, which the test then kills with SIGKILL: no chance to shut anything down.
STARTER = f"""
import sys
sys.path.insert(0, {str(pathlib.Path(__file__).resolve().parent)!r})
import kernels
kernel = kernels.start()
print(kernel.parent_manager.provisioner.process.pid, kernels.result_text(kernel, "ProcessHandle.current().pid()"),
      flush=True)
sys.stdin.read()  # wait to be killed
"""


def test_the_kernel_exits_when_its_parent_is_killed():
    starter = subprocess.Popen([sys.executable, "-c", STARTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True)
    started = kernel = None
    try:
        started, kernel = (int(p) for p in starter.stdout.readline().split())
        # Jupyter starts the kernel JVM itself: no launcher JVM in between to be left behind
        assert started == kernel, f"Jupyter started process {started}, the kernel runs in {kernel}"
        assert alive(kernel)
        starter.send_signal(signal.SIGKILL)
        starter.wait()
        eventually(lambda: not alive(kernel), timeout=15, interval=0.2)
        assert not alive(kernel), f"kernel JVM {kernel} outlived the process that started it"
    finally:
        starter.kill()
        if kernel and alive(kernel):
            os.kill(kernel, signal.SIGKILL)


# Without the library's KernelExtension the JVM outlives its answer by a minute: JJava's code executor
# keeps an idle thread that is not a daemon for that long (docs/kernel.md has a reproduction). With
# it, the JVM exits some 0.1 s after the answer.
LINGER_LIMIT = 2.0  # seconds


def test_the_kernel_exits_at_once_when_asked_to_shut_down():
    kernel = kernels.start()
    try:
        kernels.execute(kernel, "int x = 1;")
        process = kernel.parent_manager.provisioner.process
        asked = time.monotonic()
        kernel.shutdown()  # what JupyterLab sends to restart or shut down a kernel
        eventually(lambda: process.poll() is not None, timeout=30, interval=0.01)
        took = time.monotonic() - asked
        assert process.poll() is not None, "the kernel JVM still ran 30 s after the shutdown request"
        assert process.poll() == 0, f"the kernel ended with status {process.poll()}"
        assert took < LINGER_LIMIT, f"the kernel JVM ran for {took:.2f} s after the shutdown request"
    finally:
        kernels.stop(kernel)
