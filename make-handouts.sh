#!/usr/bin/env bash
# Writes the printed handouts: a PDF of each executed notebook (01–06) to build/handouts/, every
# chart as its picture, formulas typeset, a new page for each section (tests/handouts.py says how).
# The notebooks are taken as committed in notebooks/, or from build/notebooks/ where run-course.sh
# wrote a newer executed copy. Needs the Python packages of requirements.txt (./install-kernel.sh)
# and Debian's chromium and chromium-driver (tests/install-browser.sh, run here when root).
#   ./make-handouts.sh                   every notebook
#   ./make-handouts.sh 03-training.ipynb one (or more)
#   ./make-handouts.sh --out DIR ...     another folder than build/handouts/
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
py=$( [ -n "${CONDA_PREFIX:-}" ] && echo "$CONDA_PREFIX/bin/python" || echo "$root/.venv/bin/python" )
[ -x "$py" ] || { echo "make-handouts.sh: no $py: run ./install-kernel.sh first" >&2; exit 1; }
"$root/tests/install-browser.sh"
exec "$py" "$root/tests/handouts.py" "$@"
