"""The Java kernel ends with the process that started it, as Python's kernel does.

A Jupyter server that is killed, or a hub user's server that is stopped or culled, must not leave
its Java kernels running (each holds a launcher and a kernel JVM, several hundred MB)."""
import os
import signal
import subprocess
import sys
import time

# Started in its own process, which the test then kills with SIGKILL: no chance to shut anything down.
STARTER = r"""
import sys
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name="java", startup_timeout=180)
reply = []
kc.execute_interactive("ProcessHandle.current().pid()", timeout=120,
                       output_hook=lambda m: reply.append(m["content"].get("data", {}).get("text/plain")))
print(km.provisioner.process.pid, [r for r in reply if r][0], flush=True)
sys.stdin.read()  # wait to be killed
"""


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (exited, not yet reaped) counts as gone
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split(")")[-1].split()[0] != "Z"


def test_the_kernel_exits_when_its_parent_is_killed():
    starter = subprocess.Popen([sys.executable, "-c", STARTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True)
    launcher = kernel = None
    try:
        launcher, kernel = (int(p) for p in starter.stdout.readline().split())
        assert _alive(launcher) and _alive(kernel)
        starter.send_signal(signal.SIGKILL)
        starter.wait()
        deadline = time.monotonic() + 15
        while (_alive(launcher) or _alive(kernel)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(kernel), f"kernel JVM {kernel} outlived the process that started it"
        assert not _alive(launcher), f"launcher JVM {launcher} outlived the process that started it"
    finally:
        starter.kill()
        for pid in (launcher, kernel):
            if pid and _alive(pid):
                os.kill(pid, signal.SIGKILL)
