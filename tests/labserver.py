"""JupyterLab from this environment, as the browser tests open it (tests/test_browser.py,
tests/test_slides.py)."""
import contextlib
import os
import shutil
import subprocess
import sys
import urllib.request

from course import NOTEBOOKS
from polling import free_port, wait_until


@contextlib.contextmanager
def lab_server(home, *options):
    """A JupyterLab server on a copy of the notebooks in ``home/notebooks``, at a free port of
    127.0.0.1, with no token and nothing from the user's Jupyter set-up (no trusted-notebook
    database, no settings): its data, runtime, config and settings directories are ``home/data``,
    ``…/runtime``, ``…/config`` and ``…/settings`` (write settings there before calling), so the
    notebooks open untrusted, as in a fresh clone. ``options`` are added to its command line.
    Yields its base URL; stops it, and with it its kernels, at the end. Its log: ``home/lab.log``."""
    shutil.copytree(NOTEBOOKS, home / "notebooks")
    env = dict(os.environ,
               JUPYTER_DATA_DIR=str(home / "data"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTERLAB_SETTINGS_DIR=str(home / "settings"))
    port = free_port()
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           f"--ServerApp.root_dir={home}", "--IdentityProvider.token=", "--ServerApp.password=", *options]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    url = f"http://127.0.0.1:{port}"
    with open(home / "lab.log", "w") as log:
        server = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until(lambda: urllib.request.urlopen(url + "/api/status", timeout=5), "JupyterLab did not start",
                       timeout=120, retry_on=(OSError,), process=server,
                       details=lambda: (home / "lab.log").read_text()[-3000:])
            yield url
        finally:
            server.terminate()  # shuts its kernels down too
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
