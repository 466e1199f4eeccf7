#!/usr/bin/env bash
# Debian's chromium for the real-browser tests (tests/browser/, executable /usr/bin/chromium), installed
# from Debian's packages when it is missing; never `playwright install`. Used by `make test` and .ci/run.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "/usr/bin/chromium is missing: as root, run apt-get install chromium (the browser tests need it)" >&2
  exit 1
fi
echo "Installing Debian's chromium for the browser tests"
"${as_root[@]}" apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
