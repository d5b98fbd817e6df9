#!/bin/sh
# Run by `mvn verify` before the tests: the console's browser tests drive Debian's Chromium (/usr/bin/chromium)
# through its driver (/usr/bin/chromedriver). When either is missing and this runs as root on Debian, install them;
# otherwise say what to install (the browser tests then fail with the same message; they never skip).
set -eu
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing chromium and chromium-driver for the console's browser tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
else
  echo "WARNING: /usr/bin/chromium or /usr/bin/chromedriver is missing and this is not root:" \
       "the console's browser tests will fail. Install them: sudo apt-get install -y chromium chromium-driver" >&2
fi
