"""Waiting for something that happens in another process: a server answering, a kernel's processes
ending. For tests/test_browser.py, tests/hubclass.py, tests/test_hub.py and
tests/test_kernel_lifetime.py.

    polling.wait_until(lambda: urlopen(url), "JupyterLab did not start", timeout=120,
                       retry_on=(OSError,), process=server, details=lambda: log.read_text())
"""
import os
import socket
import time


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now, to start a server on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def eventually(check, timeout, interval=0.5):
    """Calls ``check()`` every ``interval`` seconds until it returns a true value or ``timeout``
    seconds have passed; returns its last value (false if time ran out)."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


def wait_until(check, failure, timeout, interval=0.5, retry_on=(), process=None, details=lambda: ""):
    """Calls ``check()`` every ``interval`` seconds until it returns a true value, and returns that.
    An exception of a type in ``retry_on`` counts as not yet. Raises RuntimeError("``failure``
    (why): ``details()``") once ``timeout`` seconds have passed, or at once when ``process`` (a
    Popen, say the server being waited for) has exited."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = check()
            if value:
                return value
        except retry_on:
            pass
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{failure} (its process exited with {process.returncode}):\n{details()}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{failure} (not within {timeout} s):\n{details()}")
        time.sleep(interval)


def alive(pid):
    """Whether process ``pid`` runs; one that has exited but is not yet reaped (a zombie) does not."""
    try:
        os.kill(pid, 0)
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except (ProcessLookupError, FileNotFoundError):
        return False
    except PermissionError:  # another user's process: it exists
        return True
