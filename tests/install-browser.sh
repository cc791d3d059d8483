#!/usr/bin/env bash
# Installs what the browser test needs besides the Python packages of requirements.txt: Debian's
# headless Chromium and its WebDriver (chromium, chromium-driver). Quick when they are already
# there. Browser downloads by Selenium or Playwright are not used, so this works where only the
# distribution's package mirror is reachable.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "install-browser.sh: the browser test needs Chromium and chromedriver; install them" \
         "(Debian/Ubuntu: 'apt-get install chromium chromium-driver') or the test is skipped." >&2
    exit 0
fi
echo "==> Installing Chromium and chromedriver (Debian packages) for the browser test"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
