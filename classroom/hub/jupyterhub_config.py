# A class of the cnn-lstm course on one server: JupyterHub with one home folder per student.
# TEACHERS.md ("A class on one server") gives the commands; tests/test_hub.py runs a class of three
# on this very file (adding only free ports, a temporary folder and a token of its own).
#
# Start it from the repository, after ./install-kernel.sh and tests/install-hub.sh:
#
#   export CLASS_PASSWORD=...            # the students' shared password (8 characters or more)
#   export CLASS_TEACHER_PASSWORD=...    # the teacher's own (32 or more: openssl rand -hex 16)
#   .venv/bin/jupyterhub -f classroom/hub/jupyterhub_config.py
#
# Settings, read from the environment when the hub starts [default]:
#   CLASS_PASSWORD          students' shared password                       [none: students cannot log in]
#   CLASS_TEACHER           the teacher's hub name (the hub's admin)        [teacher]
#   CLASS_TEACHER_PASSWORD  the teacher's password, 32 characters or more   [none: the teacher cannot log in]
#   CLASS_STUDENTS          the names that may log in, separated by spaces  [empty: any name, with the password]
#   CLASS_DIR               the hub's database and the students' homes      [~/cnn-lstm-class]
#   CLASS_IP, CLASS_PORT    where students connect                          [every interface, 8000]
#   CLASS_NOTEBOOKS         copied into each student's home as notebooks/   [notebooks/ of this repository]
#   CLASS_COURSE            nbgrader's course folder                        [classroom/nbgrader/ of this repository]
#   CLASS_MAX_SERVERS       students' servers running at once               [1 per GiB of memory, less 2 GiB]
#   CLASS_SERVER_IDLE       seconds before an idle server is stopped        [3600]
#   CLASS_KERNEL_IDLE       seconds before an idle kernel with no tab open is shut down [1200]
#
# What this hub does:
# * Accounts: JupyterHub's built-in shared-password authenticator. Students log in with any name
#   (or one of CLASS_STUDENTS) and the class password; the teacher with CLASS_TEACHER and their own
#   password, as the hub's admin. Anyone who knows the class password can log in under any student's
#   name: it keeps strangers out, not students apart.
# * Servers: JupyterHub's simple local spawner: every student's server runs as the OS user that
#   runs the hub, in its own home folder CLASS_DIR/homes/<name>. One OS user means no isolation:
#   a student's code can read every home and the course folder (see TEACHERS.md).
# * Each student's home gets the course notebooks when their server starts, only the files that
#   are missing: a student's edits are never overwritten (copy_course below).
# * nbgrader: the teacher's tools (Formgrader, Create Assignment, Course List, Validate, the
#   Nbgrader menu) are off in students' servers; students fetch and submit in a terminal, and their
#   submissions are filed under their hub name (CLASS_ROLE, read by classroom/nbgrader/nbgrader_config.py).
# * Limits: the hub runs at most CLASS_MAX_SERVERS servers; each kernel bounds its own memory and
#   threads (install-kernel.sh's CNN_LSTM_MAXRSS, CNN_LSTM_THREADS). This spawner enforces no memory
#   or CPU limit per student (mem_limit and cpu_limit need a spawner that can: TLJH's systemd spawner,
#   Kubernetes).
# * Culling: idle kernels are shut down by each server, idle servers stopped by jupyterhub-idle-culler;
#   the Java kernel exits with its server, so a stopped server leaves no kernel behind.
import os
import shutil
import sys

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(REPO, "classroom", "hub")
BIN = os.path.dirname(sys.executable)  # the environment that runs the hub: the course's .venv


def _setting(name, default=""):
    value = os.environ.get(name, "").strip()
    return value if value else default


def _memory_gib():
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        return 0


TEACHER = _setting("CLASS_TEACHER", "teacher").lower()
STUDENTS = {name.lower() for name in _setting("CLASS_STUDENTS").replace(",", " ").split()}
CLASS_DIR = os.path.abspath(os.path.expanduser(_setting("CLASS_DIR", "~/cnn-lstm-class")))
NOTEBOOKS = os.path.abspath(_setting("CLASS_NOTEBOOKS", os.path.join(REPO, "notebooks")))
COURSE = os.path.abspath(_setting("CLASS_COURSE", os.path.join(REPO, "classroom", "nbgrader")))
# about 1 GB per student working in one notebook (a kernel peaks at 620-690 MB training, the
# student's JupyterLab server adds about 200 MB), 2 GiB kept for the system and the hub
MAX_SERVERS = int(_setting("CLASS_MAX_SERVERS", str(max(1, int(_memory_gib() - 2)))))
SERVER_IDLE = int(_setting("CLASS_SERVER_IDLE", "3600"))
KERNEL_IDLE = int(_setting("CLASS_KERNEL_IDLE", "1200"))
os.makedirs(os.path.join(CLASS_DIR, "homes"), exist_ok=True)

# -- where students connect; the hub's own files -------------------------------------------------
c.JupyterHub.ip = _setting("CLASS_IP", "")
c.JupyterHub.port = int(_setting("CLASS_PORT", "8000"))
c.JupyterHub.db_url = "sqlite:///" + os.path.join(CLASS_DIR, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(CLASS_DIR, "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = os.path.join(CLASS_DIR, "jupyterhub-proxy.pid")
# the proxy from npm (tests/install-hub.sh), started and stopped by the hub
c.ConfigurableHTTPProxy.command = [os.path.join(REPO, "build", "hub", "node_modules", ".bin",
                                                "configurable-http-proxy")]
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every student's server (and kernels)

# -- accounts ------------------------------------------------------------------------------------
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = _setting("CLASS_PASSWORD") or None
c.SharedPasswordAuthenticator.admin_password = _setting("CLASS_TEACHER_PASSWORD") or None
c.Authenticator.admin_users = {TEACHER}
if STUDENTS:
    c.Authenticator.allowed_users = STUDENTS  # and users the teacher adds in the hub's admin page
else:
    c.Authenticator.allow_all = True  # open sign-up: any name, with the class password

# -- students' servers ---------------------------------------------------------------------------
c.JupyterHub.spawner_class = "simple"  # every server as this OS user, in its own home folder
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(CLASS_DIR, "homes", "{username}")
c.Spawner.cmd = [os.path.join(BIN, "jupyterhub-singleuser")]
kernel_culling = [
    # as on Binder (binder/jupyter_server_config.json): a kernel idle this long with no notebook tab
    # connected is shut down; an open tab keeps its kernel
    f"--MappingKernelManager.cull_idle_timeout={KERNEL_IDLE}",
    f"--MappingKernelManager.cull_interval={max(1, min(60, KERNEL_IDLE // 10))}",
    "--MappingKernelManager.cull_connected=False",
]
# A terminal runs bash as a plain shell, not a login shell (the single-user server's default when
# started by a hub): a login shell reads /etc/profile, which on Debian resets PATH and so loses the
# course's environment.
terminal = [f"--ServerApp.terminado_settings=shell_command={shutil.which('bash') or '/bin/sh'}"]
c.Spawner.args = kernel_culling + terminal + (["--allow-root"] if os.geteuid() == 0 else [])
c.Spawner.environment = {
    # a terminal finds nbgrader, jupyter and alembic (which nbgrader runs) of the course's environment
    "PATH": BIN + os.pathsep + os.environ.get("PATH", os.defpath),
}
c.Spawner.start_timeout = 300  # a loaded server starts slowly; the default 60 s is short
c.Spawner.http_timeout = 300
c.JupyterHub.active_server_limit = MAX_SERVERS  # the next student is told to try again later


def copy_course(source, home):
    """Copies the course notebooks into ``home/notebooks``: only the files that are missing there,
    so a student's own edits (and deletions of output) are kept. Worked solutions are not copied."""
    copied = []
    for folder, dirs, files in os.walk(source):
        dirs[:] = [d for d in dirs if d != "solutions" and not d.startswith(".")]
        rel = os.path.relpath(folder, source)
        dest = os.path.normpath(os.path.join(home, "notebooks", rel))
        os.makedirs(dest, exist_ok=True)
        for name in files:
            if name.startswith("."):
                continue
            target = os.path.join(dest, name)
            if not os.path.lexists(target):
                shutil.copy2(os.path.join(folder, name), target)
                copied.append(os.path.relpath(target, home))
    return copied


def pre_spawn_hook(spawner):
    name = spawner.user.name
    home = spawner.home_dir
    os.makedirs(home, exist_ok=True)
    if name == TEACHER or spawner.user.admin:
        # the teacher's server opens in nbgrader's course folder: Formgrader and the nbgrader
        # commands of TEACHERS.md work there, with the course's nbgrader_config.py
        spawner.environment = {**spawner.environment, "JUPYTER_CONFIG_PATH": COURSE}
        spawner.notebook_dir = COURSE
        return
    copied = copy_course(NOTEBOOKS, home)
    if copied:
        spawner.log.info("%s: copied %d course files into %s", name, len(copied), home)
    # a new dict: the configured one is shared by every user's spawner
    spawner.environment = {
        **spawner.environment,
        # the course's nbgrader settings (exchange, course id) and the students' Jupyter settings
        # (student/: nbgrader's teacher tools off), before this environment's own
        "JUPYTER_CONFIG_PATH": os.pathsep.join([os.path.join(HERE, "student"), COURSE]),
        # nbgrader files this server's submissions under JUPYTERHUB_USER (the hub sets it for every
        # server), not the OS user's name, which every student shares (nbgrader_config.py)
        "CLASS_ROLE": "student",
    }
    spawner.default_url = "/lab/tree/notebooks/01-data.ipynb"


c.Spawner.pre_spawn_hook = pre_spawn_hook

# -- idle servers --------------------------------------------------------------------------------
# jupyterhub-idle-culler (requirements.txt) stops a server idle for CLASS_SERVER_IDLE seconds; the
# student's files stay, and their next login starts a new server.
# The hub hears of a server's activity (its kernels, its API, its proxy route) six times per idle
# period at least, so an active server is never taken for idle.
c.JupyterHub.last_activity_interval = max(5, min(300, SERVER_IDLE // 6))
c.Spawner.environment["JUPYTERHUB_ACTIVITY_INTERVAL"] = str(c.JupyterHub.last_activity_interval)
c.JupyterHub.services = [{
    "name": "idle-culler",
    # run as "python -m jupyterhub_idle_culler", except that Ctrl-C (SIGINT, which the hub sends to
    # stop it) works even when the hub was started with SIGINT ignored (from a script, with &)
    "command": [sys.executable, "-c", "import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler);"
                " runpy.run_module('jupyterhub_idle_culler', run_name='__main__')",
                f"--timeout={SERVER_IDLE}", f"--cull-every={max(5, min(300, SERVER_IDLE // 4))}"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
