"""A class of three on a real JupyterHub (tests/hubclass.py): hub and proxy on 127.0.0.1, the dummy
authenticator, the simple local spawner with one home folder per student. The three students work
at the same time, each through the hub's public URL: a server, notebooks 03 (training) and 04
(evaluation) uploaded into the home and run cell by cell over the kernel websocket.

Checks: every student completes without an error; each student's model is written into their own
home (``build/model/cnn-lstm.zip`` beside their ``notebooks/``) and nowhere else; each kernel's peak
memory (VmHWM of its processes) is measured, printed and within the kernel's bounds; kernels left
behind (websocket closed, as when a tab is closed) are culled by the server and their processes end.

Needs configurable-http-proxy in build/hub/ (tests/install-hub.sh, which run-tests.sh runs) and
jupyterhub (requirements.txt); skipped with the reason if they are missing. Hub, proxy, servers
and kernels are stopped at the end, also when a check fails.
"""
import concurrent.futures
import pathlib
import time

import pytest

import hubclass

pytest.importorskip("jupyterhub", reason="jupyterhub is not installed (requirements.txt)")
pytestmark = pytest.mark.skipif(not hubclass.PROXY.exists(),
                                reason="configurable-http-proxy is missing: run tests/install-hub.sh")

STUDENTS = ["student1", "student2", "student3"]
ROOT_MODEL = hubclass.ROOT / "build" / "model" / "cnn-lstm.zip"


def _stamp(path):
    return path.stat().st_mtime_ns if path.exists() else None


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    hub = hubclass.Hub(tmp_path_factory.mktemp("hub"), cull_idle_timeout=30, cull_interval=2)
    try:
        hub.start()
        yield hub
    finally:
        hub.stop()


@pytest.fixture(scope="module")
def classroom(hub, request):
    before = _stamp(ROOT_MODEL)
    with concurrent.futures.ThreadPoolExecutor(len(STUDENTS)) as pool:
        results = list(pool.map(lambda name: hubclass.run_student(hub, name), STUDENTS))
    lines = []
    for r in results:
        peaks = ", ".join(f"{nb} {peak / 2**20:.0f} MB" for nb, peak in r["peaks"].items())
        lines.append(f"{r['name']}: {'ok' if r['error'] is None else 'FAILED'} in {r['seconds']:.0f} s;"
                     f" kernel peak memory (VmHWM): {peaks}")
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():  # into the test log, also when all pass
        print("\n" + "\n".join("    " + line for line in lines))
    return {"results": results, "root_model_before": before}


def test_every_student_completes_both_notebooks(hub, classroom):
    failed = {r["name"]: r["error"] for r in classroom["results"] if r["error"] is not None}
    assert not failed, f"{failed}\n{hub.log_tail()}"
    assert all(set(r["kernels"]) == {"03-training.ipynb", "04-evaluation.ipynb"} for r in classroom["results"])


def test_each_model_is_written_into_its_own_home_only(hub, classroom):
    expected = {hub.homes / name / "build" / "model" / "cnn-lstm.zip" for name in STUDENTS}
    for path in expected:
        assert path.is_file() and path.stat().st_size > 100_000, path
    found = set(pathlib.Path(hub.dir).rglob("cnn-lstm.zip"))
    assert found == expected
    assert _stamp(ROOT_MODEL) == classroom["root_model_before"], "a student's kernel wrote the project's model"


def test_kernel_memory_is_measured_and_bounded(classroom):
    for r in classroom["results"]:
        for nb, peak in r["peaks"].items():
            # a started JVM with ND4J loaded, and within CNN_LSTM_MAXRSS's default (5 GB)
            assert 100 * 2**20 < peak < 5 * 2**30, (r["name"], nb, peak)


def test_kernels_left_behind_are_culled(hub, classroom):
    for r in classroom["results"]:
        kernels = list(r["kernels"].values())
        assert kernels
        waited = hubclass.wait_culled(hub, r["name"], kernels, timeout=120)
        assert waited is not None, f"kernels of {r['name']} still running: {hub.kernels(r['name'])}"
        print(f"{r['name']}: kernels culled {waited:.0f} s after the check began")
        for kernel_id in kernels:
            # the culled kernel's processes end (the launcher and the kernel JVM)
            for _ in range(30):
                if not hubclass.kernel_pids(kernel_id):
                    break
                time.sleep(1)
            assert not hubclass.kernel_pids(kernel_id), f"kernel {kernel_id} of {r['name']} left processes"


def test_stopping_a_students_server_ends_their_kernels(hub):
    # as the idle culler or the teacher stops a server: the server process ends, and its Java
    # kernels with it (they watch the process that started them), not only when shut down politely
    name = "latecomer"
    hub.start_server(name)
    kernel_id = hub.user(name, "POST", "/api/kernels", {"name": "java"})["id"]
    deadline = time.monotonic() + 120
    while len(hubclass.kernel_pids(kernel_id)) < 2 and time.monotonic() < deadline:
        time.sleep(0.5)  # the launcher JVM, then the kernel JVM it starts
    pids = hubclass.kernel_pids(kernel_id)
    assert len(pids) >= 2, f"the kernel of {name} did not start: {pids}"
    hub.api("DELETE", f"/hub/api/users/{name}/server")
    deadline = time.monotonic() + 30
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not [p for p in pids if _alive(p)], f"processes of {name}'s kernel outlived the server: {pids}"


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False
