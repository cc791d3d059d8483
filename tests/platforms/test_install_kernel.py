"""install-kernel.py's path rules on both systems, checked on any machine: Windows (backslashes,
drive letters, ';' between classpath entries, .venv\\Scripts\\python.exe, a conda environment's
python.exe at its top, mvnw.cmd) and POSIX (.venv/bin/python, ':'). Fast: nothing is installed."""
import importlib.util
import json
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("install_kernel", ROOT / "install-kernel.py")
ik = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ik)

WIN_ROOT = r"C:\Users\ana\cnn-lstm-notebooks"
POSIX_ROOT = "/home/ana/cnn-lstm-notebooks"

# JJava's own kernel.json, as the jjava 1.0a8 wheel installs it
JJAVA_SPEC = {
    "argv": ["java", "-jar", "{resource_dir}/jjava-launcher.jar", "{resource_dir}/jjava.jar", "{connection_file}"],
    "display_name": "Java",
    "language": "java",
    "interrupt_mode": "message",
    "env": {},
    "metadata": {},
}


def test_environment_python_windows():
    assert ik.environment_python(WIN_ROOT, "", True) == WIN_ROOT + r"\.venv\Scripts\python.exe"
    conda = r"C:\Users\ana\miniforge3\envs\cnn-lstm-notebooks"
    assert ik.environment_python(WIN_ROOT, conda, True) == conda + r"\python.exe"


def test_environment_python_posix():
    assert ik.environment_python(POSIX_ROOT, "", False) == POSIX_ROOT + "/.venv/bin/python"
    conda = "/home/ana/miniforge3/envs/cnn-lstm-notebooks"
    assert ik.environment_python(POSIX_ROOT, conda, False) == conda + "/bin/python"


def test_jupyter_next_to_python():
    assert ik.environment_scripts(WIN_ROOT + r"\.venv\Scripts\python.exe", True) == WIN_ROOT + r"\.venv\Scripts"
    assert ik.environment_scripts(r"C:\conda\envs\c\python.exe", True) == r"C:\conda\envs\c\Scripts"
    assert ik.environment_scripts(POSIX_ROOT + "/.venv/bin/python", False) == POSIX_ROOT + "/.venv/bin"


def test_classpath_windows_uses_semicolons_and_forward_slashes():
    cp = ik.kernel_classpath(WIN_ROOT, True)
    assert cp == ("C:/Users/ana/cnn-lstm-notebooks/lib/target/cnn-lstm.jar;"
                  "C:/Users/ana/cnn-lstm-notebooks/lib/target/classpath/*")
    # JJava splits on File.pathSeparator (';' there): two entries, neither cut at the drive's ':'
    assert len(cp.split(";")) == 2
    # JJava's glob resolver splits at '/' only and reads '\*' as an escaped star
    assert "\\" not in cp


def test_classpath_posix_uses_colons():
    assert ik.kernel_classpath(POSIX_ROOT, False) == (
        "/home/ana/cnn-lstm-notebooks/lib/target/cnn-lstm.jar:/home/ana/cnn-lstm-notebooks/lib/target/classpath/*")
    assert ik.kernel_classpath(POSIX_ROOT + "/", False).count("//") == 0


def test_logging_option_with_forward_slashes_and_spaces():
    assert ik.logging_option(WIN_ROOT, True) == (
        "-Djava.util.logging.config.file=C:/Users/ana/cnn-lstm-notebooks/kernel/logging.properties")
    # one argument of the kernel's command line, so a space in the path is kept
    assert ik.logging_option(r"C:\Users\Ana Maria\course", True) == (
        "-Djava.util.logging.config.file=C:/Users/Ana Maria/course/kernel/logging.properties")
    assert ik.logging_option(POSIX_ROOT, False) == (
        "-Djava.util.logging.config.file=/home/ana/cnn-lstm-notebooks/kernel/logging.properties")


@pytest.mark.parametrize("windows,root,sep", [(True, WIN_ROOT, ";"), (False, POSIX_ROOT, ":")])
def test_kernel_spec(windows, root, sep):
    spec = ik.kernel_spec(JJAVA_SPEC, root, "1g", "3G", "5G", "2", "", windows)
    assert spec["display_name"] == "Java (cnn-lstm)"
    argv = spec["argv"]
    # the kernel JVM itself, with the options JJava's launcher would have given it
    assert argv[0] == "java" and argv[-3:] == ["-jar", "{resource_dir}/jjava.jar", "{connection_file}"]
    assert argv[1:5] == ["-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=3G",
                         "-Dorg.bytedeco.javacpp.maxphysicalbytes=5G", "-XX:+UseParallelGC"]
    assert argv[5].startswith("-Djava.util.logging.config.file=")
    assert "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2" in argv
    assert argv[-5:-3] == ["--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED"]
    assert not any("launcher" in a for a in argv)
    env = spec["env"]
    assert env["JJAVA_CLASSPATH"].split(sep)[0].endswith("lib/target/cnn-lstm.jar")
    assert "JJAVA_JVM_OPTS" not in env  # only the launcher read it
    assert env["OMP_NUM_THREADS"] == "2" and "CNN_LSTM_BLAS_CORETYPE" not in env
    assert env["ND4J_SKIP_BLAS_THREADS"] == "1"
    assert env["JJAVA_LOAD_EXTENSIONS"] == "true"  # the library's KernelExtension
    assert "JJAVA_STARTUP_SCRIPT" not in env  # the kernel would compile it before answering
    assert JJAVA_SPEC["env"] == {}  # JJava's spec is not changed in place
    again = ik.kernel_spec(spec, root, "1g", "3G", "5G", "2", "", windows)
    assert again["argv"] == spec["argv"]  # running the installer twice adds nothing twice
    other = ik.kernel_spec(spec, root, "2g", "3G", "5G", "", "", windows)
    assert other["argv"][1] == "-Xmx2g" and not any("parallelism" in a for a in other["argv"])


def test_kernel_spec_needs_jjava_jar():
    with pytest.raises(ik.SetupError, match="no single jjava.jar"):
        ik.kernel_spec(dict(JJAVA_SPEC, argv=["java", "-jar", "other.jar"]), POSIX_ROOT, "1g", "3G", "5G", "",
                       "", False)


def test_kernel_spec_of_this_installation_unchanged():
    """On this machine the installer writes the kernel.json that install-kernel.sh always wrote."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        installed = KernelSpecManager().get_kernel_spec("java")
    except NoSuchKernel:
        pytest.skip("the java kernel is not installed here (./install-kernel.sh)")
    with open(pathlib.Path(installed.resource_dir) / "kernel.json") as f:
        written = json.load(f)
    threads = written["env"].get("OMP_NUM_THREADS", "")
    again = ik.kernel_spec(written, str(ROOT), "1g", "3G", "5G", threads,
                           written["env"].get("CNN_LSTM_BLAS_CORETYPE", ""), sys.platform == "win32")
    if "-Xmx1g" not in written["argv"]:
        pytest.skip("installed with other memory knobs")
    assert again == written


def test_maven_command():
    assert ik.maven_command(WIN_ROOT, r"C:\tools\maven\bin\mvn.CMD", True) == [r"C:\tools\maven\bin\mvn.CMD"]
    assert ik.maven_command(WIN_ROOT, None, True) == [WIN_ROOT + r"\mvnw.cmd"]
    assert ik.maven_command(POSIX_ROOT, None, False) == [POSIX_ROOT + "/mvnw"]
    assert ik.maven_command(POSIX_ROOT, "/usr/bin/mvn", False) == ["/usr/bin/mvn"]


def test_maven_wrapper_is_there():
    assert (ROOT / "mvnw").is_file() and (ROOT / "mvnw.cmd").is_file()
    props = (ROOT / ".mvn" / "wrapper" / "maven-wrapper.properties").read_text()
    assert "distributionUrl=https://repo.maven.apache.org/" in props


def test_java_version():
    assert ik.java_major("    java.specification.version = 17\n") == 17
    assert ik.java_major("    java.specification.version = 21\n") == 21
    assert ik.java_major("    java.specification.version = 1.8\n") == 8
    assert ik.java_major("no such line") is None


def test_knobs():
    assert ik.check_knobs({}) == ("", "")
    assert ik.check_knobs({"CNN_LSTM_THREADS": "2", "CNN_LSTM_BLAS_CORETYPE": "Prescott"}) == ("2", "Prescott")
    for bad in ({"CNN_LSTM_THREADS": "0"}, {"CNN_LSTM_THREADS": "two"}, {"CNN_LSTM_BLAS_CORETYPE": "Has well"}):
        with pytest.raises(ik.SetupError):
            ik.check_knobs(bad)


def test_installer_rejects_bad_knob_with_message():
    out = subprocess.run([sys.executable, str(ROOT / "install-kernel.py")], capture_output=True, text=True,
                         env=dict(os.environ, CNN_LSTM_THREADS="many"))
    assert out.returncode == 1
    assert out.stderr.startswith("install-kernel: CNN_LSTM_THREADS = many: give a number")
