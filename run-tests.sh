#!/usr/bin/env bash
# Runs every test: sets everything up (install-kernel.sh), runs the library's JUnit suite, then
# re-runs every notebook with nbval (outputs compared where deterministic) plus the kernel tests and
# the browser test (JupyterLab in headless Chromium, installed by tests/install-browser.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
./install-kernel.sh
tests/install-browser.sh
tests/install-hub.sh    # configurable-http-proxy for the JupyterHub test (tests/test_hub.py)
py=$( [ -n "${CONDA_PREFIX:-}" ] && echo "$CONDA_PREFIX/bin/python" || echo "$root/.venv/bin/python" )

echo "==> JUnit: lib/"
# Not -q: surefire's per-class lines and the "Tests run: …" totals are the point of this step.
# -B, --no-transfer-progress and style.color=never keep the log plain; sed strips the two colour
# resets Maven 3.8's console library prints regardless (pipefail keeps Maven's exit status).
OMP_WAIT_POLICY=PASSIVE mvn -B --no-transfer-progress -Dstyle.color=never -f lib/pom.xml verify 2>&1 \
    | sed -u 's/\x1b\[[0-9;]*m//g'
echo "==> Notebooks (nbval), kernel tests and the browser test"
"$py" -m pytest
