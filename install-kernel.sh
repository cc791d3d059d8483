#!/usr/bin/env bash
# Sets up everything the notebooks need, and can be run again at any time:
#   1. checks Java >= 17 and finds Maven (mvn on PATH, else the project's Maven wrapper ./mvnw),
#   2. builds lib/ (target/cnn-lstm.jar plus its runtime dependencies in target/classpath/),
#   3. installs the pinned Python packages (requirements.txt) into the active conda environment,
#      or else into a project virtual environment .venv/,
#   4. configures the JJava kernel (kernelspec "java") to start with the library on its classpath,
#      and the Jupyter server of the same environment to show that kernel's status.
# Nothing is installed system-wide.
#
# The steps are in install-kernel.py, the same on Linux, macOS and Windows (where it runs without
# bash: `py -3 install-kernel.py`; docs/laptops.md). This script runs it with the active conda
# environment's Python, or else with python3. Its knobs (environment variables, read at install
# time) are listed there: CNN_LSTM_HEAP, CNN_LSTM_OFFHEAP, CNN_LSTM_MAXRSS, CNN_LSTM_THREADS,
# CNN_LSTM_PYTHON (the python to create .venv with), CNN_LSTM_BLAS_CORETYPE.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
if [ -n "${CONDA_PREFIX:-}" ] && [ -x "$CONDA_PREFIX/bin/python" ]; then
    py=$CONDA_PREFIX/bin/python
else
    py=${CNN_LSTM_PYTHON:-python3}
fi
command -v "$py" >/dev/null || {
    echo "install-kernel.sh: $py not found: install Python 3.9+ with the venv module (e.g. 'apt install python3-venv'), or set CNN_LSTM_PYTHON." >&2
    exit 1
}
exec "$py" "$root/install-kernel.py" "$@"
