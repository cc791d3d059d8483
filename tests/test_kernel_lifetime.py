"""The Java kernel ends with the process that started it, as Python's kernel does.

A Jupyter server that is killed, or a hub user's server that is stopped or culled, must not leave
its Java kernels running (each a JVM of several hundred MB)."""
import os
import pathlib
import signal
import subprocess
import sys

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
