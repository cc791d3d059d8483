#!/usr/bin/env bash
# Runs the whole course headlessly: sets everything up (install-kernel.sh), then executes the
# notebooks in order, one line per notebook with its seconds. The executed notebooks go to
# build/notebooks/, the trained model to build/model/cnn-lstm.zip, and what nbclient and the
# kernels print themselves to build/run-course.log (shown when a notebook fails).
#   --in-place   write the outputs back into notebooks/ instead (to refresh the committed outputs),
#                run the worked solutions too, and record this machine's training fingerprint in
#                tests/fingerprint.txt (the tests compare outputs exactly on machines that match it)
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
notebooks=(notebooks/[0-9][0-9]-*.ipynb)
out="$root/build/notebooks"
where=(--output-dir "$out")
if [ "${1:-}" = "--in-place" ]; then
    notebooks+=(notebooks/solutions/solutions.ipynb)
    out="$root/notebooks"
    where=(--inplace)
fi

# Maven 3.8's console library prints colour resets even with -q: stripped (pipefail keeps the status)
./install-kernel.sh 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g'
py=$( [ -n "${CONDA_PREFIX:-}" ] && echo "$CONDA_PREFIX/bin/python" || echo "$root/.venv/bin/python" )
log="$root/build/run-course.log"
start=$(date +%s)
# all notebooks from one Python process, each in its own kernel (tests/course.py: nbclient)
"$py" tests/course.py "${where[@]}" --log "$log" "${notebooks[@]}"
if [ "$out" = "$root/notebooks" ]; then
    "$py" - "$root" 2>>"$log" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from conftest import FINGERPRINT_FILE, machine_fingerprint
fingerprint, setup = machine_fingerprint()
FINGERPRINT_FILE.write_text(f"{fingerprint}\n# the training fingerprint of the machine the committed outputs were recorded on:\n# {setup}\n")
print(f"==> Fingerprint {fingerprint} ({setup}) written to {FINGERPRINT_FILE.relative_to(sys.argv[1])}")
PY
    # committed notebooks keep their outputs but not per-cell execution timestamps (noise in diffs)
    "$py" - "${notebooks[@]}" <<'PY'
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
echo "    nbclient's and the kernels' own output: $log"
