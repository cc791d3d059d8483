#!/usr/bin/env bash
# Sets up everything the notebooks need, and can be run again at any time:
#   1. checks Java >= 17 and Maven,
#   2. builds lib/ (target/cnn-lstm.jar plus its runtime dependencies in target/classpath/),
#   3. installs the pinned Python packages (requirements.txt) into the active conda environment,
#      or else into a project virtual environment .venv/,
#   4. configures the JJava kernel (kernelspec "java") to start with the library on its classpath,
#      and the Jupyter server of the same environment to show that kernel's status (see below).
# Nothing is installed system-wide.
#
# Knobs (environment variables, read at install time):
#   CNN_LSTM_HEAP       Java heap of the kernel            (default 1g)
#   CNN_LSTM_OFFHEAP    ND4J off-heap limit                (default 3G)
#   CNN_LSTM_MAXRSS     limit on the kernel's total memory (default 5G)
#   CNN_LSTM_THREADS    CPU threads of one kernel          (default: all cores)
#   CNN_LSTM_PYTHON     python to create .venv with        (default python3)
#   CNN_LSTM_BLAS_CORETYPE  OpenBLAS kernel of the notebooks (default: Haswell on CPUs with AVX2 and
#                       FMA, chosen by the library when the kernel starts; e.g. Prescott computes as a
#                       CPU without AVX2 would, auto lets OpenBLAS detect)
set -euo pipefail

root=$(cd "$(dirname "$0")" && pwd)
say() { printf '==> %s\n' "$*"; }
fail() { printf 'install-kernel.sh: %s\n' "$*" >&2; exit 1; }

threads=${CNN_LSTM_THREADS:-}
case "$threads" in ""|[1-9]|[1-9][0-9]) ;; *) fail "CNN_LSTM_THREADS = $threads: give a number of threads from 1 to 99, or leave it unset for all cores." ;; esac

coretype=${CNN_LSTM_BLAS_CORETYPE:-}
case "$coretype" in *[!A-Za-z0-9]*) fail "CNN_LSTM_BLAS_CORETYPE = $coretype: give an OpenBLAS core name (letters and digits, e.g. Haswell or Prescott), auto, or leave it unset." ;; esac

# 1. Java and Maven
command -v java >/dev/null || fail "Java is not installed: install a JDK 17 or newer (e.g. 'apt install openjdk-17-jdk', or use environment.yml with conda)."
java_version=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[ "${java_version%%.*}" -ge 17 ] 2>/dev/null || fail "Java $java_version found, but Java 17 or newer is needed: install JDK 17+ and put it first on PATH."
command -v javac >/dev/null || fail "javac not found: install a full JDK 17+, not only a JRE."
command -v mvn >/dev/null || fail "Maven is not installed: install Maven 3.8+ (e.g. 'apt install maven', or use environment.yml with conda)."

# 2. The library
say "Building lib/ (first run downloads DL4J and ND4J, ~300 MB)"
mvn -q -B -f "$root/lib/pom.xml" package -DskipTests
[ -f "$root/lib/target/cnn-lstm.jar" ] || fail "the build did not produce lib/target/cnn-lstm.jar"

# 3. Python packages
if [ -n "${CONDA_PREFIX:-}" ]; then
    py="$CONDA_PREFIX/bin/python"
    say "Installing Python packages into the active conda environment ($CONDA_PREFIX)"
else
    if [ ! -x "$root/.venv/bin/python" ]; then
        say "Creating the virtual environment .venv"
        "${CNN_LSTM_PYTHON:-python3}" -m venv "$root/.venv" \
            || fail "could not create .venv: install Python 3.9+ with the venv module (e.g. 'apt install python3-venv')."
    fi
    py="$root/.venv/bin/python"
    say "Installing Python packages into .venv"
fi
"$py" -m pip install -q --disable-pip-version-check -r "$root/requirements.txt"

# 4. The kernel: jjava ships the kernelspec "java"; point it at the library and bound its memory.
say "Configuring the Java kernel"
"$py" - "$root" "${CNN_LSTM_HEAP:-1g}" "${CNN_LSTM_OFFHEAP:-3G}" "${CNN_LSTM_MAXRSS:-5G}" "$threads" \
    "$coretype" <<'PY'
import json, os, sys
from jupyter_client.kernelspec import KernelSpecManager

root, heap, offheap, maxrss, threads, coretype = sys.argv[1:7]
spec = KernelSpecManager().get_kernel_spec("java")
path = os.path.join(spec.resource_dir, "kernel.json")
with open(path) as f:
    kernel = json.load(f)
kernel["display_name"] = "Java (cnn-lstm)"
logging = f"-Djava.util.logging.config.file={root}/kernel/logging.properties"
quiet = [] if " " in root else [logging]  # JJava splits its JVM options on spaces
argv = [a for a in kernel["argv"] if not a.startswith("-Djava.util.logging.config.file=")]
kernel["argv"] = argv[:1] + quiet + argv[1:]  # the launcher JVM
kernel["env"] = {
    # the library jar and every runtime dependency (globs are expanded by JJava)
    "JJAVA_CLASSPATH": f"{root}/lib/target/cnn-lstm.jar:{root}/lib/target/classpath/*",
    # heap, ND4J off-heap memory, and the whole process, so a laptop does not swap
    "JJAVA_JVM_OPTS": " ".join([f"-Xmx{heap}", f"-Dorg.bytedeco.javacpp.maxbytes={offheap}",
                                f"-Dorg.bytedeco.javacpp.maxphysicalbytes={maxrss}", "-XX:+UseParallelGC"] + quiet
                               # the model's own layers run examples on the common fork-join pool
                               + ([f"-Djava.util.concurrent.ForkJoinPool.common.parallelism={threads}"]
                                  if threads else [])),
    # OpenMP threads sleep instead of spinning between ops: much faster on few shared cores
    "OMP_WAIT_POLICY": "PASSIVE",
    # before any cell: the library chooses OpenBLAS's kernel and threads (the same bits on every
    # CPU with AVX2), which it can do only before ND4J loads; and the kernel exits when the process
    # that started it (JPY_PARENT_PID: a Jupyter server, a hub user's server) is gone
    "JJAVA_STARTUP_SCRIPT": "io.github.cnnlstm.base.Numerics.configure(); io.github.cnnlstm.base.KernelParent.exitWithParent();",
}
if coretype:
    kernel["env"]["CNN_LSTM_BLAS_CORETYPE"] = coretype
if threads:
    kernel["env"]["OMP_NUM_THREADS"] = threads  # ND4J's native operations
tmp = path + ".tmp"
with open(tmp, "w") as f:
    json.dump(kernel, f, indent=2)
os.replace(tmp, path)
print(f"    kernelspec 'java': {spec.resource_dir}")

# JupyterLab ignores kernel status messages answering a kernel_info_request when the server lists
# that request among its "untracked" (not user activity) message types, which it does by default.
# ipykernel reports its first status otherwise, JJava only there: its notebooks then read "Unknown"
# instead of "Idle" until a cell runs. Tracking kernel_info makes the kernel's first status show; it
# only counts a browser connecting to a kernel as activity. Written into the server configuration
# of this environment (other settings in that file are kept).
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
print(f"    server settings: {conf}")
PY

say "Done. Start JupyterLab with: $(dirname "$py")/jupyter lab notebooks/"
