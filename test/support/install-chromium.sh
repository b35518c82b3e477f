#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (playwright-core drives it; playwright never downloads one).
# Idempotent: does nothing when /usr/bin/chromium exists; installs with apt-get when running as root.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium is missing and this is not root: install the Debian package 'chromium'" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
test -x /usr/bin/chromium
