#!/usr/bin/env bash
# Runs every test: sets everything up (install-kernel.sh), runs the library's JUnit suite, then
# re-runs every notebook with nbval (outputs compared where deterministic) plus the kernel tests and
# the browser test (JupyterLab in headless Chromium, installed by tests/install-browser.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
./install-kernel.sh
tests/install-browser.sh
py=$( [ -n "${CONDA_PREFIX:-}" ] && echo "$CONDA_PREFIX/bin/python" || echo "$root/.venv/bin/python" )

echo "==> JUnit: lib/"
OMP_WAIT_POLICY=PASSIVE mvn -q -B -f lib/pom.xml verify
echo "==> Notebooks (nbval), kernel tests and the browser test"
"$py" -m pytest
