"""A class on a real JupyterHub, run from Python: used by tests/test_hub.py and bench/classroom_hub.py.

``Hub`` starts configurable-http-proxy (build/hub/, tests/install-hub.sh) and JupyterHub (this
environment's ``jupyterhub``) on 127.0.0.1 with free ports, the dummy authenticator and the simple
local spawner (one OS user, one home folder per hub user under ``homes/``), and a service token
with admin scopes. ``run_student`` does what a student does, only through the hub's public URL (the
proxy): start a server, upload the notebooks into the home (contents API), open each notebook as a
session and run its code cells one by one over the kernel's websocket, then leave it (the
websocket closes, the kernel stays until the server culls it).
"""
import json
import os
import pathlib
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import websocket  # websocket-client, a dependency of jupyter_server

ROOT = pathlib.Path(__file__).resolve().parent.parent
PROXY = ROOT / "build" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
SERVICE = "classroom"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children():
    children = {}
    for stat in pathlib.Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return children


def descendants(pid):
    children, out, todo = _children(), [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def status_bytes(pid, key):
    try:
        for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def kernel_pids(kernel_id):
    """The processes of one kernel: the one started with its connection file, and its children
    (JJava's launcher JVM starts the kernel JVM)."""
    mark = f"kernel-{kernel_id}.json"
    for cmdline in pathlib.Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if mark in cmdline.read_bytes().decode(errors="replace"):
                pid = int(cmdline.parent.name)
                return [pid] + descendants(pid)
        except OSError:
            continue
    return []


def kernel_peak(kernel_id):
    """Peak resident memory (VmHWM) of a kernel's processes, summed, in bytes."""
    return sum(status_bytes(pid, "VmHWM") for pid in kernel_pids(kernel_id))


def _kill_group(pid, sig):
    try:
        os.killpg(os.getpgid(pid), sig)
    except (ProcessLookupError, PermissionError):
        pass


class Hub:
    def __init__(self, workdir, cull_idle_timeout=30, cull_interval=2, python=sys.executable):
        self.dir = pathlib.Path(workdir)
        self.homes = self.dir / "homes"
        self.homes.mkdir(parents=True, exist_ok=True)
        self.cull_idle_timeout, self.cull_interval, self.python = cull_idle_timeout, cull_interval, python
        self.token = secrets.token_hex(32)
        self.proxy = self.hub = None
        self.seen = set()  # every process the hub started (servers, kernels): killed at the end

    # -- starting and stopping ------------------------------------------------------------------
    def start(self, timeout=120):
        port, api_port, hub_port = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{port}"
        proxy_token = secrets.token_hex(32)
        singleuser = pathlib.Path(self.python).parent / "jupyterhub-singleuser"
        args = [f"--MappingKernelManager.cull_idle_timeout={self.cull_idle_timeout}",
                f"--MappingKernelManager.cull_interval={self.cull_interval}",
                # as on Binder (binder/jupyter_server_config.json): a kernel with a browser tab
                # connected is not culled, one left behind is
                "--MappingKernelManager.cull_connected=False"]
        if os.geteuid() == 0:
            args.append("--allow-root")
        config = f"""
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.JupyterHub.db_url = "sqlite:///{self.dir}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{self.dir}/jupyterhub_cookie_secret"
c.JupyterHub.cleanup_servers = True
c.ConfigurableHTTPProxy.should_start = False
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.auth_token = "{proxy_token}"
c.JupyterHub.authenticator_class = "dummy"
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{self.homes}/{{username}}"
c.Spawner.cmd = [{str(singleuser)!r}]
c.Spawner.args = {args!r}
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.JupyterHub.services = [{{"name": "{SERVICE}", "api_token": "{self.token}"}}]
c.JupyterHub.load_roles = [{{"name": "{SERVICE}", "services": ["{SERVICE}"],
    "scopes": ["admin:users", "admin:servers", "access:servers", "read:users"]}}]
"""
        (self.dir / "jupyterhub_config.py").write_text(config)
        self.proxy_log = open(self.dir / "proxy.log", "w")
        self.proxy = subprocess.Popen(
            [str(PROXY), "--ip", "127.0.0.1", "--port", str(port), "--api-ip", "127.0.0.1",
             "--api-port", str(api_port), "--default-target", f"http://127.0.0.1:{hub_port}",
             "--error-target", f"http://127.0.0.1:{hub_port}/hub/error"],
            env=dict(os.environ, CONFIGPROXY_AUTH_TOKEN=proxy_token), cwd=self.dir,
            stdout=self.proxy_log, stderr=subprocess.STDOUT, start_new_session=True)
        self.hub_log = open(self.dir / "hub.log", "w")
        self.hub = subprocess.Popen(
            [self.python, "-m", "jupyterhub", "-f", str(self.dir / "jupyterhub_config.py")],
            cwd=self.dir, stdout=self.hub_log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.api("GET", "/hub/api/")
                return self
            except (OSError, urllib.error.URLError):
                if self.hub.poll() is not None or self.proxy.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("JupyterHub did not start:\n" + self.log_tail())
                time.sleep(0.5)

    def log_tail(self, chars=4000):
        text = ""
        for name in ("hub.log", "proxy.log"):
            path = self.dir / name
            if path.exists():
                text += f"--- {name}\n" + path.read_text(errors="replace")[-chars:]
        return text

    def remember_processes(self):
        if self.hub and self.hub.poll() is None:
            self.seen.update(descendants(self.hub.pid))

    def stop(self):
        """Stops everything this hub started, also after a failure: the servers and their kernels
        (each in its own process group), the hub, the proxy."""
        self.remember_processes()
        if self.hub and self.hub.poll() is None:
            self.hub.send_signal(signal.SIGTERM)  # stops the servers it spawned (cleanup_servers)
            try:
                self.hub.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
        for proc in (self.hub, self.proxy):
            if proc:
                _kill_group(proc.pid, signal.SIGKILL)
                proc.wait()
        for pid in self.seen:
            _kill_group(pid, signal.SIGKILL)
        for log in (getattr(self, "hub_log", None), getattr(self, "proxy_log", None)):
            if log:
                log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- REST ---------------------------------------------------------------------------------
    def api(self, method, path, body=None, timeout=120):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Authorization": f"token {self.token}",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout) as r:
            text = r.read()
            return json.loads(text) if text else None

    def start_server(self, name, timeout=300):
        self.api("POST", f"/hub/api/users/{name}")
        self.api("POST", f"/hub/api/users/{name}/server")
        deadline = time.monotonic() + timeout
        while True:
            server = self.api("GET", f"/hub/api/users/{name}")["servers"].get("", {})
            if server.get("ready"):
                self.remember_processes()
                return server
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server of {name} did not start:\n" + self.log_tail())
            time.sleep(0.5)

    def user(self, name, method, path, body=None, timeout=120):
        return self.api(method, f"/user/{name}{path}", body, timeout)

    def kernels(self, name):
        return [k["id"] for k in self.user(name, "GET", "/api/kernels")]


def execute_notebook(hub, name, notebook, path, timeout=1800):
    """Runs the code cells of ``notebook`` (a dict) in a new session of user ``name`` at ``path``
    (relative to the home: the kernel's working directory is that folder), over the kernel's
    websocket through the proxy. Stops at the first error, as nbconvert does. Returns
    (kernel id, the first error or None, peak memory of the kernel's processes in bytes)."""
    session = hub.user(name, "POST", "/api/sessions",
                       {"path": path, "type": "notebook", "name": pathlib.PurePath(path).name,
                        "kernel": {"name": "java"}})
    kernel_id = session["kernel"]["id"]
    hub.remember_processes()
    ws_url = hub.url.replace("http", "ws", 1) + f"/user/{name}/api/kernels/{kernel_id}/channels?session_id={session['id']}"
    ws = websocket.create_connection(ws_url, header=[f"Authorization: token {hub.token}"], timeout=300)
    ws.settimeout(20)
    error = None
    deadline = time.monotonic() + timeout
    try:
        for index, cell in enumerate(notebook["cells"]):
            if cell["cell_type"] != "code":
                continue
            msg_id = uuid.uuid4().hex
            ws.send(json.dumps({
                "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": session["id"],
                           "username": name, "version": "5.3", "date": ""},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": "".join(cell["source"]), "silent": False, "store_history": True,
                            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
            reply = idle = None
            while reply is None or not idle:
                try:
                    frame = ws.recv()
                except websocket.WebSocketTimeoutException:
                    # a long cell, or a kernel that is gone (culled, died): never wait forever
                    if kernel_id not in hub.kernels(name):
                        raise RuntimeError(f"cell {index}: the kernel {kernel_id} is gone") from None
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"cell {index}: no reply after {timeout} s") from None
                    continue
                if isinstance(frame, bytes):  # messages with binary buffers: none expected here
                    continue
                msg = json.loads(frame)
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                if msg["channel"] == "shell" and msg["msg_type"] == "execute_reply":
                    reply = msg["content"]
                elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
                elif msg["msg_type"] == "error" and error is None:
                    error = f"cell {index}: {msg['content']['ename']}: {msg['content']['evalue']}"
            if reply.get("status") != "ok":
                error = error or f"cell {index}: {reply}"
                break
        peak = kernel_peak(kernel_id)
    finally:
        ws.close()
    return kernel_id, error, peak


def run_student(hub, name, notebooks=("03-training.ipynb", "04-evaluation.ipynb")):
    """One student's session: server, notebooks uploaded into the home, each run in its own kernel.
    Returns a dict: name, error (None if all cells ran), seconds, kernels {notebook: id},
    peaks {notebook: bytes}."""
    t0 = time.monotonic()
    result = {"name": name, "error": None, "kernels": {}, "peaks": {}}
    try:
        hub.start_server(name)
        hub.user(name, "PUT", "/api/contents/notebooks", {"type": "directory"})
        for nb in notebooks:
            content = json.loads((ROOT / "notebooks" / nb).read_text())
            hub.user(name, "PUT", f"/api/contents/notebooks/{nb}",
                     {"type": "notebook", "format": "json", "content": content})
        for nb in notebooks:
            content = hub.user(name, "GET", f"/api/contents/notebooks/{nb}")["content"]
            kernel_id, error, peak = execute_notebook(hub, name, content, f"notebooks/{nb}")
            result["kernels"][nb], result["peaks"][nb] = kernel_id, peak
            if error:
                result["error"] = f"{nb} {error}"
                break
    except Exception as e:  # noqa: BLE001 - reported per student
        result["error"] = f"{type(e).__name__}: {e}"
    result["seconds"] = time.monotonic() - t0
    return result


def wait_culled(hub, name, kernel_ids, timeout=120):
    """Seconds until none of ``kernel_ids`` is listed by the user's server any more (culled), or
    None if some are still there after ``timeout``."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if not set(kernel_ids) & set(hub.kernels(name)):
            return time.monotonic() - t0
        time.sleep(1)
    return None
