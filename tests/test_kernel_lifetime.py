"""The Java kernel ends with the process that started it, as Python's kernel does.

A Jupyter server that is killed, or a hub user's server that is stopped or culled, must not leave
its Java kernels running (each holds a launcher and a kernel JVM, several hundred MB)."""
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
    launcher = kernel = None
    try:
        launcher, kernel = (int(p) for p in starter.stdout.readline().split())
        assert alive(launcher) and alive(kernel)
        starter.send_signal(signal.SIGKILL)
        starter.wait()
        eventually(lambda: not alive(launcher) and not alive(kernel), timeout=15, interval=0.2)
        assert not alive(kernel), f"kernel JVM {kernel} outlived the process that started it"
        assert not alive(launcher), f"launcher JVM {launcher} outlived the process that started it"
    finally:
        starter.kill()
        for pid in (launcher, kernel):
            if pid and alive(pid):
                os.kill(pid, signal.SIGKILL)
