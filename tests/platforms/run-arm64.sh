#!/usr/bin/env bash
# The course on ARM64 Linux, proven on an x86-64 Debian or Ubuntu machine under QEMU user-mode
# emulation: every JVM of the project runs as an arm64 process (Debian's arm64 OpenJDK 17 with
# ND4J's linux-arm64 natives and their OpenBLAS, which picks its ARMV8 kernels):
#   1. installs what it needs, once: Debian's qemu-user-static (apt), and a private arm64 root in
#      build/arm64/root/ made of Debian's arm64 packages (openjdk-17-jre-headless:arm64,
#      libgomp1:arm64 which ND4J's arm64 natives need, and their libraries: apt-get download and
#      dpkg-deb -x). Nothing arm64 is installed system-wide, so the machine's own JDK and libraries
#      are not upgraded to match (apt would upgrade them: Multi-Arch packages share one version);
#   2. builds lib/ with the linux-arm64 natives into build/arm64/lib/ (Maven profile emulated-arm64;
#      lib/target/, this machine's own build, is not touched);
#   3. runs the training fingerprint (io.github.cnnlstm.training.Fingerprint) on the arm64 JVM;
#   4. runs the JUnit suite with Maven's test JVM being the arm64 one (surefire's jvm);
#   5. runs the notebooks with nbval, compared in the tolerant mode (CNN_LSTM_COMPARE=tolerant), on a
#      Java kernel whose JVM is arm64: a kernelspec "java" written into build/arm64/jupyter/ (first
#      on JUPYTER_PATH for this run only) that starts build/arm64/jdk/bin/java, a wrapper running the
#      arm64 java under qemu-aarch64-static (also first on PATH). The notebooks run in a copy,
#      build/arm64/course/, so the model they train goes to build/arm64/course/build/model/, not to
#      the project's build/model/.
# It prints each step's time and a summary of what passed; the exit status is 0 only if all passed.
# Not part of ./run-tests.sh: under emulation the notebooks take about 50 minutes on 2 cores (the
# worked solutions and notebook 2 most of it), and the whole JUnit suite longer (docs/laptops.md has
# the times measured).
#
#   tests/platforms/run-arm64.sh [--junit all|quick|none] [--notebooks all|none|"01 05 ..."]
#     --junit quick   all but EveryConfigurationTest, the sweep over every model configuration
#                     (31 tests, three quarters of the suite's time under emulation)
#     --notebooks     which numbered notebooks; "all" (the default) also runs the worked solutions
#
# Needs: root and apt-get (Debian 12 or Ubuntu) on x86-64 for step 1, the project's Python
# environment (./install-kernel.sh, which this script runs if it is missing), Java 17 and Maven.
# It leaves no process behind (every process it started carries CNN_LSTM_ARM64_RUN in its
# environment and is ended on exit) and no half-written file (downloads and the arm64 root are
# written beside their place and moved in when complete).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
arm=$root/build/arm64   # also in lib/pom.xml (profile emulated-arm64)
jre=/usr/lib/jvm/java-17-openjdk-arm64

junit=all
notebooks=all
while [ $# -gt 0 ]; do
    case "$1" in
        --junit) junit=${2:?--junit all, quick or none}; shift 2 ;;
        --notebooks) notebooks=${2:?--notebooks all, none or numbers such as \"01 05\"}; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "run-arm64.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
case "$junit" in all|quick|none) ;; *) echo "run-arm64.sh: --junit all, quick or none" >&2; exit 2 ;; esac

say() { printf '==> %s\n' "$*"; }
fail() { printf 'run-arm64.sh: %s\n' "$*" >&2; exit 1; }
results=()
started=$(date +%s)
step_start=$started
step() { step_start=$(date +%s); say "$*"; }
record() {  # record STATUS WHAT
    local took=$(( $(date +%s) - step_start ))
    results+=("$(printf '%-6s %-58s %6d s' "$1" "$2" "$took")")
    say "$1: $2 ($took s)"
}

# Every process started from here on carries this variable; on exit, those still running are ended.
export CNN_LSTM_ARM64_RUN="$$-$started"
# shellcheck disable=SC2329  # (called by the EXIT trap)
cleanup() {
    local status=$? pids=() p v env
    for p in /proc/[0-9]*; do   # bash builtins only: no helper process of its own is found
        p=${p#/proc/}
        [ "$p" = "$$" ] && continue
        mapfile -d '' env 2>/dev/null <"/proc/$p/environ" || continue
        for v in "${env[@]}"; do
            if [ "$v" = "CNN_LSTM_ARM64_RUN=$CNN_LSTM_ARM64_RUN" ]; then pids+=("$p"); break; fi
        done
    done
    if [ ${#pids[@]} -gt 0 ]; then
        echo "run-arm64.sh: ending ${#pids[@]} process(es) this run started: ${pids[*]}" >&2
        kill -TERM "${pids[@]}" 2>/dev/null || true
        sleep 3
        kill -KILL "${pids[@]}" 2>/dev/null || true
    fi
    rm -rf "$arm"/*.tmp "$arm/jdk/bin/java.tmp" 2>/dev/null || true
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[ "$(uname -m)" = x86_64 ] || fail "this is $(uname -m): on an ARM64 machine run ./run-tests.sh itself (the linux-arm64 profile activates there)."

# ---------------------------------------------------------------------------------------------
step "1. QEMU and a private arm64 root (Debian packages)"
if ! command -v qemu-aarch64-static >/dev/null; then
    . "$root/tests/debian-packages.sh"
    debian_packages run-arm64.sh "the ARM64 run" "QEMU's user-mode emulator" qemu-user-static \
        || fail "install qemu-user-static first."
fi
if [ ! -f "$arm/root/.complete" ]; then
    { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; } \
        || fail "the arm64 root is made from Debian's arm64 packages: run this as root on Debian/Ubuntu once."
    export DEBIAN_FRONTEND=noninteractive
    if ! dpkg --print-foreign-architectures | grep -qx arm64; then
        say "    adding the arm64 architecture to apt (dpkg --add-architecture arm64; installs nothing)"
        dpkg --add-architecture arm64
        apt-get update -qq
    fi
    # The arm64 packages the JRE and libgomp need, worked out by apt as for an empty system (so the
    # list does not depend on what this machine has installed); the amd64 and arch-independent
    # ones it names (java-common, ca-certificates, ...) are not needed to run java.
    wanted=(openjdk-17-jre-headless:arm64 libgomp1:arm64)
    closure() {
        local status
        status=$(mktemp)
        apt-get -s -o Dir::State::status="$status" --no-install-recommends install "${wanted[@]}" 2>/dev/null \
            | awk '/^Inst / && $2 ~ /:arm64$/ {print $2}'
        rm -f "$status"
    }
    mapfile -t packages < <(closure)
    [ ${#packages[@]} -gt 5 ] || { apt-get update -qq; mapfile -t packages < <(closure); }
    [ ${#packages[@]} -gt 5 ] || fail "apt found no arm64 packages for ${wanted[*]} (apt-get update, then run again)."
    rm -rf "$arm/debs.tmp" "$arm/root.tmp"
    mkdir -p "$arm/debs.tmp" "$arm/root.tmp"
    say "    downloading ${#packages[@]} arm64 packages"
    (cd "$arm/debs.tmp" && apt-get download -q "${packages[@]}" >/dev/null 2>&1) \
        || { apt-get update -qq; (cd "$arm/debs.tmp" && apt-get download -q "${packages[@]}" >/dev/null); } \
        || fail "apt-get download of the arm64 packages failed"
    for deb in "$arm"/debs.tmp/*.deb; do dpkg-deb -x "$deb" "$arm/root.tmp"; done
    # Absolute links inside the packages (the JRE's lib/jvm.cfg -> /etc/java-17-openjdk/...) would
    # point at this machine's files: pointed at the root's own copy where it has one.
    while IFS=$'\t' read -r link target; do
        if [ -e "$arm/root.tmp$target" ]; then ln -sfr "$arm/root.tmp$target" "$link"; fi
    done < <(find "$arm/root.tmp" -type l -lname '/*' -printf '%p\t%l\n')
    (cd "$arm/debs.tmp" && ls -- *.deb) > "$arm/root.tmp/.complete"   # what the root is made of
    rm -rf "$arm/root" "$arm/debs.tmp"
    mv "$arm/root.tmp" "$arm/root"
fi
[ -x "$arm/root$jre/bin/java" ] || fail "$arm/root has no arm64 java: remove build/arm64/root and run again."
# The arm64 java, run by QEMU with the private root as its library root. A child process an arm64
# JVM starts runs "java" from PATH, i.e. this wrapper again: VFORK, because the default launch
# mechanism runs the JDK's own arm64 helper (jspawnhelper), which this x86-64 kernel cannot execute
# without binfmt_misc. The emulated CPU is a Neoverse N1
# (ARMv8.2 with NEON, no SVE: Graviton 2, Ampere Altra, the class of a Raspberry Pi 5 or an Apple
# M1): under QEMU's default CPU ("max", which has SVE) the JIT compiles the LSTM's loops to SVE
# instructions, which QEMU emulates slowly, and training ran 2.5 times slower.
mkdir -p "$arm/jdk/bin"
cat > "$arm/jdk/bin/java.tmp" <<EOF
#!/bin/sh
# the arm64 JVM under QEMU user-mode emulation (written by tests/platforms/run-arm64.sh)
exec qemu-aarch64-static -cpu neoverse-n1 -L "$arm/root" "$arm/root$jre/bin/java" -Djdk.lang.Process.launchMechanism=VFORK "\$@"
EOF
chmod +x "$arm/jdk/bin/java.tmp"
mv "$arm/jdk/bin/java.tmp" "$arm/jdk/bin/java"
ln -sfn "../root$jre/release" "$arm/jdk/release"   # surefire reads the JVM's version there
version=$("$arm/jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p; s/^ *os.arch = /os.arch /p' | tr '\n' ' ')
case "$version" in *"os.arch aarch64"*) ;; *) fail "the emulated java did not start as aarch64: $version" ;; esac
record PASS "arm64 JVM under QEMU: $version"

# ---------------------------------------------------------------------------------------------
step "2. Building lib/ with the linux-arm64 natives into build/arm64/lib/"
mvn_arm=(mvn -B --no-transfer-progress -Dstyle.color=never -f "$root/lib/pom.xml" -P emulated-arm64
         -Djavacpp.platform=linux-arm64)
"${mvn_arm[@]}" -q package -DskipTests 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g'
# copy-dependencies only adds: jars of dependencies no longer in the build are removed (not the
# whole folder, whose jars a kernel may have open)
"${mvn_arm[@]}" -q dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$arm/classpath.tmp" >/dev/null
for jar in "$arm"/lib/classpath/*.jar; do
    case ":$(cat "$arm/classpath.tmp"):" in */"$(basename "$jar")":*) ;; *) rm -f "$jar" ;; esac
done
rm -f "$arm/classpath.tmp"
natives=$(cd "$arm/lib/classpath" && ls nd4j-native-*-linux-arm64.jar openblas-*-linux-arm64.jar javacpp-*-linux-arm64.jar | tr '\n' ' ')
if compgen -G "$arm/lib/classpath/*x86*" >/dev/null; then fail "x86 natives on the arm64 classpath: $(compgen -G "$arm/lib/classpath/*x86*")"; fi
record PASS "build: $natives"

# JavaCPP unpacks the natives (a 260 MB libnd4jcpu.so) into its own cache, kept apart from ~/.javacpp
cache="-Dorg.bytedeco.javacpp.cachedir=$arm/javacpp-cache"
failed=0

# ---------------------------------------------------------------------------------------------
step "3. Training fingerprint on the arm64 JVM"
recorded=$(awk 'NR==1 {print $1}' tests/fingerprint.txt)
if out=$(OMP_WAIT_POLICY=PASSIVE "$arm/jdk/bin/java" "$cache" -cp "$arm/lib/cnn-lstm.jar:$arm/lib/classpath/*" \
        io.github.cnnlstm.training.Fingerprint 2>&1); then
    printf '%s\n' "$out" | sed 's/^/    /'
    fingerprint=$(printf '%s\n' "$out" | tail -n 1)
    blas=$(printf '%s\n' "$out" | grep -m1 'OpenBLAS kernel' | sed 's/ (.*),/,/')
    relation="differs from the recorded $recorded: tolerant comparison"
    [ "$fingerprint" = "$recorded" ] && relation="equals the recorded one: exact comparison would hold"
    record PASS "fingerprint $fingerprint ($blas; $relation)"
else
    printf '%s\n' "$out" | tail -n 30 >&2
    record FAIL "fingerprint (the arm64 JVM could not train)"
    failed=1
fi

# ---------------------------------------------------------------------------------------------
if [ "$junit" != none ]; then
    step "4. JUnit ($junit) with the arm64 JVM as Maven's test JVM"
    select=()
    if [ "$junit" = quick ]; then
        # all but the sweep over every model configuration (31 of the 196 tests, but three
        # quarters of the suite's time under emulation): still the generator, the custom layers
        # against DL4J's stock ones, DL4J's numerical gradient checks, training that must learn,
        # the course's invariants, save/load and damaged files, the charts
        select=(-Dtest='!EveryConfigurationTest' -Dsurefire.failIfNoSpecifiedTests=false)
    fi
    log=$arm/junit.log
    # CNN_LSTM_TEST_JAVA: the java that tests starting a JVM of their own start (this machine cannot
    # run the arm64 binary directly)
    if OMP_WAIT_POLICY=PASSIVE CNN_LSTM_TEST_JAVA="$arm/jdk/bin/java" "${mvn_arm[@]}" "-DargLine=$cache" "${select[@]}" test \
            >"$log.tmp" 2>&1; then ok=PASS; else ok=FAIL; failed=1; fi
    sed 's/\x1b\[[0-9;]*m//g' "$log.tmp" > "$log"; rm -f "$log.tmp"
    grep -E 'Tests run:.* in |Tests run:|FAIL|ERROR\]' "$log" | sed 's/^\[[A-Z]*\] */    /' | uniq | tail -n 40
    totals=$(grep -E '^\[[A-Z]+\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" | tail -n 1 | sed 's/^\[[A-Z]*\] //')
    failing=$(grep -oE '^\[ERROR\] +[A-Za-z0-9_]+Test\.[A-Za-z0-9_]+' "$log" | awk '{print $2}' | sort -u | paste -sd, - || true)
    record "$ok" "JUnit $junit: ${totals:-no totals (see $log)}${failing:+; failed: $failing}"
fi

# ---------------------------------------------------------------------------------------------
if [ "$notebooks" != none ]; then
    step "5. Notebooks (nbval, tolerant) on a Java kernel running the arm64 JVM"
    py=$( [ -n "${CONDA_PREFIX:-}" ] && echo "$CONDA_PREFIX/bin/python" || echo "$root/.venv/bin/python" )
    spec_dir=$( [ -x "$py" ] && "$py" -c 'from jupyter_client.kernelspec import KernelSpecManager as K; print(K().get_kernel_spec("java").resource_dir)' 2>/dev/null || true)
    if [ -z "$spec_dir" ]; then
        say "    the project's Python environment is missing: ./install-kernel.sh"
        ./install-kernel.sh
        spec_dir=$("$py" -c 'from jupyter_client.kernelspec import KernelSpecManager as K; print(K().get_kernel_spec("java").resource_dir)')
    fi
    # the kernelspec: the project's (install-kernel.sh), with the arm64 JVM and the arm64 build
    rm -rf "$arm/jupyter.tmp"
    mkdir -p "$arm/jupyter.tmp/kernels/java"
    "$py" - "$spec_dir" "$arm" "$cache" "$arm/jupyter.tmp/kernels/java/kernel.json" <<'PY'
import json, sys
spec_dir, arm, cache, out = sys.argv[1:5]
with open(f"{spec_dir}/kernel.json") as f:
    kernel = json.load(f)
kernel["display_name"] = "Java (cnn-lstm, arm64 under QEMU)"
argv = [f"{arm}/jdk/bin/java"] + [a.replace("{resource_dir}", spec_dir) for a in kernel["argv"][1:]]
kernel["argv"] = argv[:1] + [cache] + argv[1:]  # the kernel JVM's own options follow java
kernel["env"]["JJAVA_CLASSPATH"] = f"{arm}/lib/cnn-lstm.jar:{arm}/lib/classpath/*"
with open(out, "w") as f:
    json.dump(kernel, f, indent=2)
PY
    rm -rf "$arm/jupyter"; mv "$arm/jupyter.tmp" "$arm/jupyter"
    # proof that the notebooks' kernel is the arm64 one: what the kernel itself reports
    kernel_env=(JUPYTER_PATH="$arm/jupyter" PATH="$arm/jdk/bin:$PATH" OMP_WAIT_POLICY=PASSIVE)
    if seen=$(env "${kernel_env[@]}" "$py" - <<'PY'
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name="java", startup_timeout=900)
try:
    found = []
    reply = kc.execute_interactive(
        'System.getProperty("os.arch") + ", " + io.github.cnnlstm.base.Numerics.configure()', timeout=900,
        output_hook=lambda m: found.append(m["content"]["data"]["text/plain"])
        if m["msg_type"] == "execute_result" else None)
    print(found[0].strip('"') if reply["content"]["status"] == "ok" and found else f"error: {reply['content']}")
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
PY
    ) && [[ "$seen" == aarch64,* ]]; then
        record PASS "the kernel reports: $seen"
    else
        record FAIL "the kernel did not start as arm64: $seen"
        failed=1
    fi
    # a copy of the notebooks, so that the model notebook 03 saves (../build/model/) goes to
    # build/arm64/course/build/model/; pytest runs from the project (its pytest.ini and conftest.py)
    rm -rf "$arm/course.tmp" "$arm/course"
    mkdir -p "$arm/course.tmp/notebooks/solutions"
    cp notebooks/[0-9][0-9]-*.ipynb "$arm/course.tmp/notebooks/"
    cp notebooks/solutions/solutions.ipynb "$arm/course.tmp/notebooks/solutions/"
    mv "$arm/course.tmp" "$arm/course"
    course=build/arm64/course
    chosen=()
    if [ "$notebooks" = all ]; then
        chosen=("$course"/notebooks/[0-9][0-9]-*.ipynb "$course/notebooks/solutions/solutions.ipynb")
    else
        for n in $notebooks; do
            f=$(compgen -G "$course/notebooks/$n-*.ipynb" | head -n 1)
            [ -n "$f" ] || fail "no notebook numbered $n"
            chosen+=("$f")
        done
        # 04-06 load the model notebook 03 saves: trained here (on the arm64 JVM) if 03 is not run
        if printf '%s\n' "$notebooks" | grep -qE '0[4-6]' && ! printf '%s\n' "$notebooks" | grep -q 03; then
            say "    notebooks 04-06 need the model of notebook 03: running 03 first"
            chosen=("$course/notebooks/03-training.ipynb" "${chosen[@]}")
        fi
    fi
    for nb in "${chosen[@]}"; do
        t0=$(date +%s)
        step_start=$t0
        say "    $nb"
        if (JUPYTER_PATH="$arm/jupyter" PATH="$arm/jdk/bin:$PATH" CNN_LSTM_COMPARE=tolerant \
                OMP_WAIT_POLICY=PASSIVE "$py" -m pytest "$nb" --nbval-kernel-startup-timeout=900 \
                --nbval-cell-timeout=7200 -rfE 2>&1 | tee "$arm/pytest.log" | tail -n 25 | sed 's/^/      /'); then
            ok=PASS
        else
            ok=FAIL; failed=1
        fi
        summary=$(grep -E '^=+ .*[0-9]+ (passed|failed|errors?)' "$arm/pytest.log" | tail -n 1 \
                  | grep -oE '[0-9]+ (passed|failed|errors?|skipped)' | paste -sd, - | sed 's/,/, /g')
        record "$ok" "$(basename "$nb"): cells ${summary:-? (see build/arm64/pytest.log)}"
    done
    grep -q 'notebook outputs compared: tolerant' "$arm/pytest.log" \
        || say "    (warning: pytest did not report the tolerant mode)"
fi

# ---------------------------------------------------------------------------------------------
echo
say "Summary (ARM64 under QEMU, $(nproc) cores; total $(( $(date +%s) - started )) s)"
printf '    %s\n' "${results[@]}"
if [ "$failed" = 0 ]; then say "All passed."; else say "Some steps failed (logs: build/arm64/junit.log, build/arm64/pytest.log)."; fi
exit "$failed"
