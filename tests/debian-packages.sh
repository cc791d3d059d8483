# Sourced by the install scripts of tests that need programs from Debian's packages.
#   debian_packages SCRIPT TEST NAMES PACKAGE...
# installs the packages with apt-get when run as root on Debian/Ubuntu; elsewhere it says what to
# install and returns 1, and the caller exits 0 (the test is then skipped with the reason).
debian_packages() {
    local script=$1 test=$2 names=$3
    shift 3
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
        echo "$script: $test needs $names; install them (Debian/Ubuntu: 'apt-get install $*') or the test is skipped." >&2
        return 1
    fi
    echo "==> Installing $names (Debian packages) for $test"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
