#!/usr/bin/env bash
# Installs what the browser test needs besides the Python packages of requirements.txt: Debian's
# headless Chromium and its WebDriver (chromium, chromium-driver). Quick when they are already
# there. Browser downloads by Selenium or Playwright are not used, so this works where only the
# distribution's package mirror is reachable.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    exit 0
fi
. "$(dirname "$0")/debian-packages.sh"
debian_packages install-browser.sh "the browser test" "Chromium and chromedriver" chromium chromium-driver || exit 0
