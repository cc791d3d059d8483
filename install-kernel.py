#!/usr/bin/env python3
"""Sets up everything the notebooks need, on Linux, macOS and Windows, and can be run again at any time:
  1. checks Java >= 17 (a full JDK) and finds Maven (`mvn` on PATH, else the Maven wrapper `mvnw`,
     which downloads Maven 3.9 from Maven Central on first use),
  2. builds lib/ (target/cnn-lstm.jar plus its runtime dependencies in target/classpath/),
  3. installs the pinned Python packages (requirements.txt) into the active conda environment,
     or else into a project virtual environment .venv/,
  4. configures the JJava kernel (kernelspec "java") to start with the library on its classpath,
     and the Jupyter server of the same environment to show that kernel's status (see below).
Nothing is installed system-wide.

Run it with any Python 3.9+:
  Linux, macOS:  ./install-kernel.sh          (which runs: python3 install-kernel.py)
  Windows:       py -3 install-kernel.py      (PowerShell or cmd; no bash needed)
docs/laptops.md has the steps per system.

Knobs (environment variables, read at install time):
  CNN_LSTM_HEAP       Java heap of the kernel            (default 1g)
  CNN_LSTM_OFFHEAP    ND4J off-heap limit                (default 3G)
  CNN_LSTM_MAXRSS     limit on the kernel's total memory (default 5G)
  CNN_LSTM_THREADS    CPU threads of one kernel          (default: all cores)
  CNN_LSTM_PYTHON     python to create .venv with        (default: the Python running this script)
  CNN_LSTM_BLAS_CORETYPE  OpenBLAS kernel of the notebooks (default: Haswell on CPUs with AVX2 and
                      FMA, chosen by the library when the kernel starts; e.g. Prescott computes as a
                      CPU without AVX2 would, auto lets OpenBLAS detect)

The path rules of both systems are in small functions (environment_python, kernel_classpath, ...)
that take the system as an argument: tests/platforms/test_install_kernel.py checks them for Windows
and POSIX paths on any machine.
"""
import json
import ntpath
import os
import posixpath
import re
import shutil
import subprocess
import sys

NAME = "install-kernel"
WINDOWS = os.name == "nt"


class SetupError(Exception):
    """A set-up problem, with the fix in its message."""


def say(message):
    print(f"==> {message}", flush=True)


# ---------------------------------------------------------------------------------------------
# Paths and settings, for either system (pure functions: the unit tests call them)


def _path(windows):
    return ntpath if windows else posixpath


def environment_python(root, conda_prefix, windows):
    """The Python of the course's environment: the active conda environment's, else .venv's."""
    p = _path(windows)
    if conda_prefix:
        return p.join(conda_prefix, "python.exe") if windows else p.join(conda_prefix, "bin", "python")
    return p.join(root, ".venv", "Scripts", "python.exe") if windows else p.join(root, ".venv", "bin", "python")


def environment_scripts(python, windows):
    """The folder of the environment's commands (jupyter): next to python, or its Scripts\\."""
    p = _path(windows)
    folder = p.dirname(python)
    if windows and p.basename(folder).lower() != "scripts":
        folder = p.join(folder, "Scripts")  # a conda environment: python.exe at the top
    return folder


def java_path(path, windows):
    """A path as the kernel's JVM options and JJava's classpath take it. On Windows with forward
    slashes: JJava splits a classpath glob at '/' only and reads a backslash as an escape."""
    return path.replace("\\", "/") if windows else path


def kernel_classpath(root, windows):
    """JJAVA_CLASSPATH: the library jar and every runtime dependency (JJava expands the glob),
    separated as the system separates paths (';' on Windows, ':' elsewhere)."""
    target = java_path(root, windows).rstrip("/") + "/lib/target"
    return (";" if windows else ":").join([target + "/cnn-lstm.jar", target + "/classpath/*"])


def logging_option(root, windows):
    """The JVM option that quiets JJava's start-up log (a path with spaces is fine: it is one
    argument of the kernel's command line)."""
    path = java_path(_path(windows).join(root, "kernel", "logging.properties"), windows)
    return f"-Djava.util.logging.config.file={path}"


# What JJava's launcher adds to the kernel JVM's command line (jjava-launcher 1.0a8, KernelLauncher)
JSHELL_OPENS = ["--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED"]


def jjava_jar(argv):
    """The kernel jar in JJava's (or an earlier installation's) kernel command line."""
    jars = [a for a in argv if a.replace("\\", "/").endswith("/jjava.jar")]
    if len(jars) != 1:
        raise SetupError(f"JJava's kernel.json names no single jjava.jar in its command line {argv}: "
                         "reinstall the Python packages (pip install -r requirements.txt), then run this again.")
    return jars[0]


def kernel_spec(spec, root, heap, offheap, maxrss, threads, coretype, windows):
    """The kernel.json of the course's kernel, made from JJava's own (a dict; not changed).

    The kernel JVM is started directly, with the options JJava's launcher would give it: the
    launcher is a JVM of its own that only starts the kernel's, and skipping it makes the kernel
    ready about 0.2 s sooner and keeps one JVM fewer per kernel in memory."""
    kernel = json.loads(json.dumps(spec))
    kernel["display_name"] = "Java (cnn-lstm)"
    kernel["argv"] = (
        [kernel["argv"][0]]  # java
        # heap, ND4J off-heap memory, and the whole process, so a laptop does not swap
        + [f"-Xmx{heap}", f"-Dorg.bytedeco.javacpp.maxbytes={offheap}",
           f"-Dorg.bytedeco.javacpp.maxphysicalbytes={maxrss}", "-XX:+UseParallelGC",
           logging_option(root, windows)]
        # the model's own layers run examples on the common fork-join pool
        + ([f"-Djava.util.concurrent.ForkJoinPool.common.parallelism={threads}"] if threads else [])
        + JSHELL_OPENS + ["-jar", jjava_jar(kernel["argv"]), "{connection_file}"])
    kernel["env"] = {
        # the library jar and every runtime dependency (globs are expanded by JJava)
        "JJAVA_CLASSPATH": kernel_classpath(root, windows),
        # OpenMP threads sleep instead of spinning between ops: much faster on few shared cores
        "OMP_WAIT_POLICY": "PASSIVE",
        # ND4J leaves OpenBLAS's thread count as the library set it (one) when it loads
        "ND4J_SKIP_BLAS_THREADS": "1",
        # the library's kernel extension (io.github.cnnlstm.base.KernelExtension, found on the
        # classpath above) runs at the kernel's start, with nothing to compile: it chooses OpenBLAS's
        # kernel and threads (the same bits on every CPU with AVX2), which it can do only before ND4J
        # loads, and loads ND4J in the background; it makes the kernel exit when the process that
        # started it (JPY_PARENT_PID: a Jupyter server, a hub user's server) is gone, and at once
        # after answering a shutdown request. On even if the user's environment turns extensions off.
        "JJAVA_LOAD_EXTENSIONS": "true",
    }
    if coretype:
        kernel["env"]["CNN_LSTM_BLAS_CORETYPE"] = coretype
    if threads:
        kernel["env"]["OMP_NUM_THREADS"] = threads  # ND4J's native operations
    return kernel


def maven_command(root, on_path, windows):
    """Maven: `mvn` found on PATH (mvn.cmd on Windows), else the project's Maven wrapper."""
    if on_path:
        return [on_path]
    return [_path(windows).join(root, "mvnw.cmd" if windows else "mvnw")]


def java_major(settings):
    """The Java feature release from `java -XshowSettings:properties -version`'s output, or None."""
    m = re.search(r"^\s*java\.specification\.version = (\d+)(?:\.(\d+))?", settings, re.M)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2)) if major == 1 and m.group(2) else major  # 1.8 is Java 8


def check_knobs(env):
    """The knobs, checked; returns (threads, coretype)."""
    threads = env.get("CNN_LSTM_THREADS", "")
    if threads and not re.fullmatch(r"[1-9][0-9]?", threads):
        raise SetupError(f"CNN_LSTM_THREADS = {threads}: give a number of threads from 1 to 99, "
                         "or leave it unset for all cores.")
    coretype = env.get("CNN_LSTM_BLAS_CORETYPE", "")
    if coretype and not re.fullmatch(r"[A-Za-z0-9]+", coretype):
        raise SetupError(f"CNN_LSTM_BLAS_CORETYPE = {coretype}: give an OpenBLAS core name (letters and digits, "
                         "e.g. Haswell or Prescott), auto, or leave it unset.")
    return threads, coretype


# ---------------------------------------------------------------------------------------------
# The steps


def install_hint(what):
    """How to install a JDK or Maven on this system."""
    if WINDOWS:
        return {"jdk": "e.g. 'winget install Microsoft.OpenJDK.17' in PowerShell, then open a new terminal",
                "python": "from python.org, or 'winget install Python.Python.3.12'"}[what]
    if sys.platform == "darwin":
        return {"jdk": "e.g. 'brew install --cask temurin@17', or use environment.yml with conda",
                "python": "e.g. 'brew install python'"}[what]
    return {"jdk": "e.g. 'apt install openjdk-17-jdk', or use environment.yml with conda",
            "python": "e.g. 'apt install python3-venv'"}[what]


def run(command, what, **kwargs):
    try:
        subprocess.run(command, check=True, **kwargs)
    except FileNotFoundError as e:
        raise SetupError(f"{what}: {command[0]} not found ({e})")
    except subprocess.CalledProcessError as e:
        raise SetupError(f"{what} failed (exit status {e.returncode}); the lines above say why")


def check_java():
    java = shutil.which("java")
    if not java:
        raise SetupError(f"Java is not installed: install a JDK 17 or newer ({install_hint('jdk')}).")
    out = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True, text=True)
    major = java_major(out.stdout + out.stderr)
    if major is None or major < 17:
        raise SetupError(f"Java {major or '(unknown version)'} found at {java}, but Java 17 or newer is needed: "
                         "install JDK 17+ and put it first on PATH.")
    if not shutil.which("javac"):
        raise SetupError(f"javac not found: install a full JDK 17+, not only a JRE ({install_hint('jdk')}).")


def build_library(root):
    mvn = maven_command(root, shutil.which("mvn"), WINDOWS)
    if not shutil.which("mvn"):
        say("Maven is not on PATH: using the project's Maven wrapper (downloads Maven 3.9 once, ~10 MB)")
    say("Building lib/ (first run downloads DL4J and ND4J, ~300 MB)")
    run(mvn + ["-q", "-B", "-f", os.path.join(root, "lib", "pom.xml"), "package", "-DskipTests"], "the build of lib/")
    if not os.path.isfile(os.path.join(root, "lib", "target", "cnn-lstm.jar")):
        raise SetupError("the build did not produce lib/target/cnn-lstm.jar")


def check_openmp():
    """ND4J's Linux natives (x86-64 and ARM64) need the GNU OpenMP runtime, which minimal systems
    lack; without it the first cell fails with a long UnsatisfiedLinkError about libgomp.so.1."""
    if not sys.platform.startswith("linux"):
        return
    ldconfig = shutil.which("ldconfig") or ("/sbin/ldconfig" if os.path.exists("/sbin/ldconfig") else None)
    if not ldconfig:
        return
    out = subprocess.run([ldconfig, "-p"], capture_output=True, text=True).stdout
    if "libgomp.so.1 " not in out:
        raise SetupError("ND4J's native library needs the GNU OpenMP runtime libgomp.so.1, which is not installed: "
                         "install it (Debian/Ubuntu: 'apt install libgomp1'; Fedora: 'dnf install libgomp'; "
                         "Alpine is not supported: ND4J needs glibc), then run this again.")


def python_environment(root):
    conda_prefix = os.environ.get("CONDA_PREFIX", "")
    py = environment_python(root, conda_prefix, WINDOWS)
    if conda_prefix:
        say(f"Installing Python packages into the active conda environment ({conda_prefix})")
    else:
        if not os.path.isfile(py):
            say("Creating the virtual environment .venv")
            creator = os.environ.get("CNN_LSTM_PYTHON") or sys.executable
            try:
                subprocess.run([creator, "-m", "venv", os.path.join(root, ".venv")], check=True)
            except (OSError, subprocess.CalledProcessError):
                raise SetupError(f"could not create .venv: install Python 3.9+ with the venv module "
                                 f"({install_hint('python')}).")
        say("Installing Python packages into .venv")
    run([py, "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", os.path.join(root, "requirements.txt")],
        "pip install -r requirements.txt")
    return py


def configure_kernel(root, heap, offheap, maxrss, threads, coretype):
    """Step 4, run by the environment's own Python (where jupyter_client is installed)."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("java")
    path = os.path.join(spec.resource_dir, "kernel.json")
    with open(path) as f:
        kernel = kernel_spec(json.load(f), root, heap, offheap, maxrss, threads, coretype, WINDOWS)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(kernel, f, indent=2)
    os.replace(tmp, path)
    print(f"    kernelspec 'java': {spec.resource_dir}", flush=True)

    # JupyterLab ignores kernel status messages answering a kernel_info_request when the server lists
    # that request among its "untracked" (not user activity) message types, which it does by default.
    # ipykernel reports its first status otherwise, JJava only there: its notebooks then read "Unknown"
    # instead of "Idle" until a cell runs. Tracking kernel_info makes the kernel's first status show;
    # it only counts a browser connecting to a kernel as activity. Written into the server
    # configuration of this environment (other settings in that file are kept).
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager

    untracked = [t for t in MappingKernelManager.class_traits()["untracked_message_types"].default()
                 if t not in ("kernel_info_request", "kernel_info_reply")]
    conf = os.path.join(sys.prefix, "etc", "jupyter", "jupyter_server_config.json")
    os.makedirs(os.path.dirname(conf), exist_ok=True)
    settings = {}
    if os.path.exists(conf):
        with open(conf) as f:
            settings = json.load(f)
    settings.setdefault("MappingKernelManager", {})["untracked_message_types"] = untracked
    with open(conf + ".tmp", "w") as f:
        json.dump(settings, f, indent=2)
    os.replace(conf + ".tmp", conf)
    print(f"    server settings: {conf}", flush=True)


def main(argv):
    root = os.path.dirname(os.path.abspath(__file__))
    if argv[:1] == ["--configure-kernel"]:  # step 4, inside the environment (see below)
        configure_kernel(*argv[1:7])
        return
    threads, coretype = check_knobs(os.environ)
    check_java()
    check_openmp()
    build_library(root)
    py = python_environment(root)
    say("Configuring the Java kernel")
    run([py, os.path.abspath(__file__), "--configure-kernel", root, os.environ.get("CNN_LSTM_HEAP") or "1g",
         os.environ.get("CNN_LSTM_OFFHEAP") or "3G", os.environ.get("CNN_LSTM_MAXRSS") or "5G", threads, coretype],
        "configuring the kernel")
    jupyter = os.path.join(environment_scripts(py, WINDOWS), "jupyter")
    if WINDOWS and jupyter.lower().startswith(root.lower() + os.sep):
        jupyter = os.path.relpath(jupyter, root)  # .venv\Scripts\jupyter, from the project folder
    say(f"Done. Start JupyterLab with: {jupyter} lab {'notebooks' if WINDOWS else 'notebooks/'}")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except SetupError as e:
        print(f"{NAME}: {e}", file=sys.stderr, flush=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
