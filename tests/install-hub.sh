#!/usr/bin/env bash
# Installs what the JupyterHub test (tests/test_hub.py) needs besides the Python packages of
# requirements.txt (jupyterhub): configurable-http-proxy from npm, the version pinned in
# tests/hub/package.json with every dependency pinned by tests/hub/package-lock.json, into
# build/hub/ (nothing global). Node.js and npm come from Debian if missing (as root). Quick when
# already there; without Node.js the test is skipped.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/build/hub"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    . "$root/tests/debian-packages.sh"
    debian_packages install-hub.sh "the JupyterHub test" "Node.js and npm" nodejs npm || exit 0
fi
if [ -x "$dest/node_modules/.bin/configurable-http-proxy" ] \
        && cmp -s "$root/tests/hub/package-lock.json" "$dest/package-lock.json"; then
    exit 0
fi
echo "==> Installing configurable-http-proxy (npm, tests/hub/package-lock.json) into build/hub/"
mkdir -p "$dest"
cp "$root/tests/hub/package.json" "$root/tests/hub/package-lock.json" "$dest/"
(cd "$dest" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
"$dest/node_modules/.bin/configurable-http-proxy" --version >/dev/null
