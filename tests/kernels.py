"""The notebooks' Java kernel, started from Python, and code run in it: for conftest.py (the
training fingerprint), tests/test_course.py and tests/test_kernel_lifetime.py.

    with kernels.started() as kernel:
        text = kernels.result_text(kernel, '"a" + 1')     # a1
"""
import contextlib

from jupyter_client.manager import start_new_kernel

KERNEL_NAME = "java"  # the kernelspec install-kernel.sh configures
STARTUP_TIMEOUT = 180  # seconds: a JVM with ND4J on a busy shared machine
TIMEOUT = 120  # seconds for one short piece of code


class KernelError(RuntimeError):
    """Code run in the kernel ended with an error."""


def start(cwd=None, startup_timeout=STARTUP_TIMEOUT):
    """Starts the Java kernel (in ``cwd`` if given) and returns its client, ready; the client's
    ``parent_manager`` is the kernel's manager (to interrupt or stop it)."""
    options = {"cwd": str(cwd)} if cwd is not None else {}
    manager, client = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=startup_timeout, **options)
    client.parent_manager = manager
    return client


def stop(client):
    client.stop_channels()
    client.parent_manager.shutdown_kernel(now=True)


@contextlib.contextmanager
def started(cwd=None):
    """A Java kernel for the ``with`` block, shut down at its end."""
    client = start(cwd)
    try:
        yield client
    finally:
        stop(client)


def execute(client, code, timeout=TIMEOUT):
    """Runs ``code`` as one cell; returns (the reply's status, every message the cell sent)."""
    messages = []
    reply = client.execute_interactive(code, timeout=timeout, output_hook=messages.append)
    return reply["content"]["status"], messages


def errors(messages):
    """The error messages' contents (``ename``, ``evalue``, ``traceback``)."""
    return [m["content"] for m in messages if m["msg_type"] == "error"]


def outputs(client, code, timeout=TIMEOUT):
    """Runs ``code``, which must succeed, and returns what it showed: its display, display-update
    and result messages, in order."""
    status, messages = execute(client, code, timeout)
    if status != "ok":
        raise KernelError(f"{code!r} failed in the kernel: {errors(messages)}")
    return [m for m in messages if m["msg_type"] in ("display_data", "update_display_data", "execute_result")]


def result_text(client, code, timeout=TIMEOUT):
    """Runs ``code``, which must succeed and end in an expression, and returns the text/plain of its
    result (a Java String without the quotes the kernel shows it in)."""
    results = [m for m in outputs(client, code, timeout) if m["msg_type"] == "execute_result"]
    if not results:
        raise KernelError(f"{code!r} has no result")
    return results[0]["content"]["data"]["text/plain"].strip('"')


def error_message(client, code, timeout=TIMEOUT):
    """Runs ``code``, which must fail, and returns the message of its exception."""
    status, messages = execute(client, code, timeout)
    if status != "error" or not errors(messages):
        raise AssertionError(f"{code!r} did not fail: {status}, {messages}")
    return errors(messages)[0]["evalue"]
