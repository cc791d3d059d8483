#!/usr/bin/env bash
# Runs the whole course headlessly: sets everything up (install-kernel.sh), then executes the
# notebooks in order. The executed notebooks go to build/notebooks/ and the trained model to
# build/model/cnn-lstm.zip.
#   --in-place   write the outputs back into notebooks/ instead (to refresh the committed outputs),
#                run the worked solutions too, and record this machine's training fingerprint in
#                tests/fingerprint.txt (the tests compare outputs exactly on machines that match it)
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
out="$root/build/notebooks"
args=(--output-dir "$out")
if [ "${1:-}" = "--in-place" ]; then args=(--inplace); out="$root/notebooks"; fi

./install-kernel.sh
py=$( [ -n "${CONDA_PREFIX:-}" ] && echo "$CONDA_PREFIX/bin/python" || echo "$root/.venv/bin/python" )
mkdir -p "$out"
start=$(date +%s)
for nb in notebooks/[0-9][0-9]-*.ipynb; do
    t0=$(date +%s)
    printf '==> %-28s ' "$(basename "$nb")"
    "$py" -m jupyter nbconvert --to notebook --execute "${args[@]}" \
        --ExecutePreprocessor.kernel_name=java --ExecutePreprocessor.timeout=1800 \
        --log-level=WARN "$nb"
    echo "$(( $(date +%s) - t0 )) s"
done
if [ "$out" = "$root/notebooks" ]; then
    printf '==> %-28s ' "solutions/solutions.ipynb"
    t0=$(date +%s)
    "$py" -m jupyter nbconvert --to notebook --execute --inplace \
        --ExecutePreprocessor.kernel_name=java --ExecutePreprocessor.timeout=1800 \
        --log-level=WARN notebooks/solutions/solutions.ipynb
    echo "$(( $(date +%s) - t0 )) s"
    "$py" - "$root" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from conftest import FINGERPRINT_FILE, machine_fingerprint
fingerprint, setup = machine_fingerprint()
FINGERPRINT_FILE.write_text(f"{fingerprint}\n# the training fingerprint of the machine the committed outputs were recorded on:\n# {setup}\n")
print(f"==> Fingerprint {fingerprint} ({setup}) written to {FINGERPRINT_FILE.relative_to(sys.argv[1])}")
PY
    # committed notebooks keep their outputs but not per-cell execution timestamps (noise in diffs)
    "$py" - notebooks/[0-9][0-9]-*.ipynb notebooks/solutions/solutions.ipynb <<'PY'
import sys, nbformat
for path in sys.argv[1:]:  # the numbered notebooks and the solutions
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
PY
fi
echo "==> Course done in $(( $(date +%s) - start )) s"
echo "    executed notebooks: $out"
echo "    trained model:      $root/build/model/cnn-lstm.zip"
