#!/usr/bin/env bash
# Runs the whole course headlessly: sets everything up (install-kernel.sh), then executes the
# notebooks in order. The executed notebooks go to build/notebooks/ and the trained model to
# build/model/cnn-lstm.zip.
#   --in-place   write the outputs back into notebooks/ instead (to refresh the committed outputs)
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
    # committed notebooks keep their outputs but not per-cell execution timestamps (noise in diffs)
    "$py" - notebooks/[0-9][0-9]-*.ipynb <<'PY'
import sys, nbformat
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
PY
fi
echo "==> Course done in $(( $(date +%s) - start )) s"
echo "    executed notebooks: $out"
echo "    trained model:      $root/build/model/cnn-lstm.zip"
