"""A class on a real JupyterHub, run from Python: used by tests/test_hub.py and bench/classroom_hub.py.

``Hub`` starts JupyterHub (this environment's) with the class's documented configuration,
classroom/hub/jupyterhub_config.py, set by the environment variables it reads (CLASS_…): 127.0.0.1
and a free port, a temporary folder for the hub's files and the homes (``homes/``), a copy of
nbgrader's course folder, the passwords. The test's own file adds only what a test needs on top
(free ports for the hub's internal API and the proxy's API, an admin token for the test).

``Person`` is a student or the teacher as a browser would be: logs in through the hub's login form
(the class's authenticator), then works with a token of their own made from that login (as on the
hub's Token page): their server's API, kernels over websockets, terminals. ``run_student`` is the
older path of the benchmark: servers started with the admin token.
"""
import json
import os
import pathlib
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import requests  # a dependency of jupyterhub
import websocket  # websocket-client, a dependency of jupyter_server

import course
from polling import eventually, free_port, wait_until

ROOT = pathlib.Path(__file__).resolve().parent.parent
CONFIG = ROOT / "classroom" / "hub" / "jupyterhub_config.py"
COURSE = ROOT / "classroom" / "nbgrader"
PROXY = ROOT / "build" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
SERVICE = "classroom"
TEACHER = "teacher"


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
    """The processes of one kernel: the one started with its connection file (the kernel JVM), and
    any children it started."""
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


class Server:
    """One user's view of the hub: the hub's REST API and their server's, with a token."""

    def __init__(self, url, name, token):
        self.url, self.name, self.token = url, name, token

    def api(self, method, path, body=None, timeout=120):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Authorization": f"token {self.token}",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout) as r:
            text = r.read()
            return json.loads(text) if text else None

    def user(self, method, path, body=None, timeout=120):
        return self.api(method, f"/user/{self.name}{path}", body, timeout)

    def kernels(self):
        return [k["id"] for k in self.user("GET", "/api/kernels")]

    def notebook(self, path):
        """A notebook in the user's home (``path`` relative to it), as JSON."""
        return self.user("GET", f"/api/contents/{path}")["content"]

    def save_notebook(self, path, notebook):
        """Saves a notebook into the user's home, as JupyterLab saves."""
        self.user("PUT", f"/api/contents/{path}", {"type": "notebook", "format": "json", "content": notebook})

    def ws(self, path, timeout=300):
        url = self.url.replace("http", "ws", 1) + f"/user/{self.name}{path}"
        return websocket.create_connection(url, header=[f"Authorization: token {self.token}"], timeout=timeout)

    def state(self):
        """The user's default server as the hub lists it ({} when it is not running)."""
        return self.api("GET", f"/hub/api/users/{self.name}")["servers"].get("", {})

    def ready_state(self):
        """The user's default server as the hub lists it once it is ready, else None."""
        server = self.state()
        return server if server.get("ready") else None

    def wait_ready(self, hub, timeout=300):
        server = wait_until(self.ready_state, f"the server of {self.name} did not start", timeout,
                            details=hub.log_tail)
        hub.remember_processes()
        return server


class LoginRefused(Exception):
    pass


class Hub:
    def __init__(self, workdir, students=("student1", "student2", "student3"), server_idle=3600,
                 kernel_idle=30, python=sys.executable):
        self.dir = pathlib.Path(workdir)
        self.homes = self.dir / "homes"
        self.course = self.dir / "course"  # a copy of classroom/nbgrader/: never the repository's
        self.students, self.python = list(students), python
        self.server_idle, self.kernel_idle = server_idle, kernel_idle
        self.token = secrets.token_hex(32)
        self.password = "class-" + secrets.token_hex(6)  # the students' (8 characters or more)
        self.teacher_password = secrets.token_hex(16)  # the teacher's (32 characters or more)
        self.hub = None
        self.seen = set()  # every process the hub started (proxy, servers, kernels): killed at the end

    # -- starting and stopping ------------------------------------------------------------------
    def start(self, timeout=120):
        if not self.course.exists():
            shutil.copytree(COURSE, self.course, ignore=shutil.ignore_patterns(
                "gradebook.db", "release", "submitted", "autograded", "feedback", "exchange", "grades.csv"))
        port, api_port, hub_port = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{port}"
        env = dict(os.environ,
                   CLASS_PASSWORD=self.password, CLASS_TEACHER=TEACHER,
                   CLASS_TEACHER_PASSWORD=self.teacher_password, CLASS_STUDENTS=" ".join(self.students),
                   CLASS_DIR=str(self.dir), CLASS_IP="127.0.0.1", CLASS_PORT=str(port),
                   CLASS_COURSE=str(self.course), CLASS_SERVER_IDLE=str(self.server_idle),
                   CLASS_KERNEL_IDLE=str(self.kernel_idle))
        for name in ("CLASS_NOTEBOOKS", "CLASS_MAX_SERVERS", "CNN_LSTM_EXCHANGE", "CLASS_ROLE",
                     "JUPYTER_CONFIG_PATH", "JUPYTERHUB_USER"):
            env.pop(name, None)  # the documented defaults, whatever the test's environment holds
        # The documented configuration, then only what a test needs besides: free ports for the
        # hub's internal API and the proxy's API (another hub may run), a token for the test.
        config = f"""load_subconfig({str(CONFIG)!r})
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.JupyterHub.services = c.JupyterHub.services + [{{"name": "{SERVICE}", "api_token": "{self.token}"}}]
c.JupyterHub.load_roles = c.JupyterHub.load_roles + [{{"name": "{SERVICE}", "services": ["{SERVICE}"],
    "scopes": ["admin:users", "admin:servers", "access:servers", "read:users"]}}]
"""
        (self.dir / "test_config.py").write_text(config)
        self.hub_log = open(self.dir / "hub.log", "w")
        self.hub = subprocess.Popen(
            [self.python, "-m", "jupyterhub", "-f", str(self.dir / "test_config.py")],
            cwd=self.dir, env=env, stdout=self.hub_log, stderr=subprocess.STDOUT, start_new_session=True)
        wait_until(lambda: self.api("GET", "/hub/api/"), "JupyterHub did not start", timeout,
                   retry_on=(OSError, urllib.error.URLError), process=self.hub, details=self.log_tail)
        self.remember_processes()
        return self

    def log_tail(self, chars=4000):
        path = self.dir / "hub.log"
        return "--- hub.log\n" + path.read_text(errors="replace")[-chars:] if path.exists() else ""

    def remember_processes(self):
        if self.hub and self.hub.poll() is None:
            self.seen.update(descendants(self.hub.pid))

    def stop(self):
        """Stops everything this hub started, also after a failure: the servers and their kernels
        (each in its own process group), the proxy, the culler, the hub."""
        self.remember_processes()
        if self.hub and self.hub.poll() is None:
            self.hub.send_signal(signal.SIGTERM)  # stops the servers it spawned (cleanup_servers)
            try:
                self.hub.wait(timeout=60)
            except subprocess.TimeoutExpired:
                pass
        if self.hub:
            _kill_group(self.hub.pid, signal.SIGKILL)
            self.hub.wait()
        for pid in self.seen:
            _kill_group(pid, signal.SIGKILL)
        if getattr(self, "hub_log", None):
            self.hub_log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- REST, with the test's admin token --------------------------------------------------------
    def api(self, method, path, body=None, timeout=120):
        return Server(self.url, "", self.token).api(method, path, body, timeout)

    def server(self, name):
        """User ``name``'s server, reached with the test's admin token."""
        return Server(self.url, name, self.token)

    def start_server(self, name, timeout=300):
        try:
            self.api("POST", f"/hub/api/users/{name}")
        except urllib.error.HTTPError as e:
            if e.code != 409:  # 409: the user exists (the names of CLASS_STUDENTS do from the start)
                raise
        self.api("POST", f"/hub/api/users/{name}/server")
        return self.server(name).wait_ready(self, timeout)

    def user(self, name, method, path, body=None, timeout=120):
        return self.server(name).user(method, path, body, timeout)

    def kernels(self, name):
        return self.server(name).kernels()


class Person:
    """A student or the teacher, as in a browser: the hub's login form (name and password, checked
    by the class's authenticator), which starts their server; then a token of their own."""

    def __init__(self, hub, name, password):
        self.hub, self.name, self.password = hub, name, password
        self.server = None

    def login(self, timeout=300):
        session = requests.Session()
        session.get(self.hub.url + "/hub/login", timeout=60)
        r = session.post(self.hub.url + "/hub/login?next=%2Fhub%2F", timeout=timeout,
                         data={"username": self.name, "password": self.password,
                               "_xsrf": session.cookies.get("_xsrf", path="/hub/")})
        if r.status_code != 200 or "/hub/login" in r.url:
            raise LoginRefused(f"{self.name}: login refused ({r.status_code} at {r.url})")
        # what the hub's Token page does: a token for this user, with this user's own permissions
        r = session.post(self.hub.url + f"/hub/api/users/{self.name}/tokens", timeout=60,
                         json={"note": "class test", "expires_in": 7200},
                         headers={"X-XSRFToken": session.cookies.get("_xsrf", path="/hub/")})
        r.raise_for_status()
        self.server = Server(self.hub.url, self.name, r.json()["token"])
        # logging in starts the server (the hub's spawn page); a server stopped since is started
        # again, also one the idle culler was stopping at this moment (pending "stop": wait, then start)
        def started():
            state = self.server.state()
            if state.get("ready"):
                return state
            if not (state.get("pending") or state.get("ready")):  # stopped (or gone), not starting
                try:
                    self.server.api("POST", f"/hub/api/users/{self.name}/server")
                except urllib.error.HTTPError as e:
                    if e.code != 400:  # 400: a start or a stop is pending; asked again next time
                        raise
            return None
        wait_until(started, f"the server of {self.name} did not start", timeout, details=self.hub.log_tail)
        self.hub.remember_processes()
        return self

    def page(self, path):
        """A page of the user's server, as the browser gets it (GET with the token)."""
        return requests.get(self.hub.url + f"/user/{self.name}{path}", timeout=60,
                            headers={"Authorization": f"token {self.server.token}"})

    def terminal(self, commands, timeout=900):
        """Types ``commands`` into a new terminal of the user's server (a shell in its root folder,
        with its environment) and returns (exit status, what the terminal showed)."""
        name = self.server.user("POST", "/api/terminals")["name"]
        mark = uuid.uuid4().hex[:8]
        ws = self.server.ws(f"/terminals/websocket/{name}")
        ws.settimeout(10)
        shown = ""
        deadline = time.monotonic() + timeout
        try:
            ws.send(json.dumps(["stdin", f"{commands}; echo {mark}-$?-end\r"]))
            while not (found := re.search(rf"{mark}-(\d+)-end", shown)):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{self.name}'s terminal: no end after {timeout} s:\n{shown[-3000:]}")
                try:
                    msg = json.loads(ws.recv())
                except websocket.WebSocketTimeoutException:
                    continue
                if msg[0] == "stdout":
                    shown += msg[1]
        finally:
            ws.close()
            self.server.user("DELETE", f"/api/terminals/{name}")
        return int(found.group(1)), re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\r", "", shown)


def execute_notebook(hub, server, notebook, path, timeout=course.CELL_TIMEOUT):
    """Runs the code cells of ``notebook`` (a dict) in a new session of ``server``'s user at
    ``path`` (relative to the home: the kernel's working directory is that folder), over the
    kernel's websocket through the proxy. Stops at the first error, as nbconvert does. Returns
    (kernel id, the first error or None, peak memory of the kernel's processes in bytes)."""
    session = server.user("POST", "/api/sessions",
                          {"path": path, "type": "notebook", "name": pathlib.PurePath(path).name,
                           "kernel": {"name": "java"}})
    kernel_id = session["kernel"]["id"]
    hub.remember_processes()
    ws = server.ws(f"/api/kernels/{kernel_id}/channels?session_id={session['id']}")
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
                           "username": server.name, "version": "5.3", "date": ""},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": "".join(cell["source"]), "silent": False, "store_history": True,
                            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
            reply = idle = None
            while reply is None or not idle:
                try:
                    frame = ws.recv()
                except websocket.WebSocketTimeoutException:
                    # a long cell, or a kernel that is gone (culled, died): never wait forever
                    if kernel_id not in server.kernels():
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


def run_notebooks(hub, server, notebooks, result):
    """Runs course notebooks that are in the user's home (``notebooks/``, put there by the hub when
    the server started), each in its own kernel; fills result["kernels"] and result["peaks"] and
    returns the first error or None."""
    listed = {f["name"] for f in server.user("GET", "/api/contents/notebooks")["content"]}
    missing = set(notebooks) - listed
    if missing:
        return f"not in the home of {server.name}: {sorted(missing)} (found {sorted(listed)})"
    for nb in notebooks:
        content = server.notebook(f"notebooks/{nb}")
        kernel_id, error, peak = execute_notebook(hub, server, content, f"notebooks/{nb}")
        result["kernels"][nb], result["peaks"][nb] = kernel_id, peak
        if error:
            return f"{nb} {error}"
    return None


def run_student(hub, name, notebooks=("03-training.ipynb", "04-evaluation.ipynb")):
    """One student's session, started with the admin token (bench/classroom_hub.py): a server,
    then each notebook, found in the home, run in its own kernel. Returns a dict: name, error
    (None if all cells ran), seconds, kernels {notebook: id}, peaks {notebook: bytes}."""
    t0 = time.monotonic()
    result = {"name": name, "error": None, "kernels": {}, "peaks": {}}
    try:
        hub.start_server(name)
        result["error"] = run_notebooks(hub, hub.server(name), notebooks, result)
    except Exception as e:  # noqa: BLE001 - reported per student
        result["error"] = f"{type(e).__name__}: {e}"
    result["seconds"] = time.monotonic() - t0
    return result


def wait_culled(server, kernel_ids, timeout=120):
    """Seconds until none of ``kernel_ids`` is listed by the user's server any more (culled, or
    the server itself stopped), or None if some are still there after ``timeout``."""
    def gone():
        try:
            running = set(server.kernels()) if server.state().get("ready") else set()
        except urllib.error.HTTPError:
            running = set()  # the server stopped between the two requests
        return not set(kernel_ids) & running

    t0 = time.monotonic()
    return time.monotonic() - t0 if eventually(gone, timeout, interval=1) else None
