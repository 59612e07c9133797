#!/usr/bin/env bash
# What the browser tests need: Debian's chromium, and axe-core from npm. Playwright's
# own browser download cannot work here, so the tests drive /usr/bin/chromium.
# Also the independent credential verifier's npm packages (tests/interop).
set -uo pipefail
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests…"
    (apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)) \
      || echo "!!! Could not install chromium: the browser tests will be SKIPPED." >&2
  else
    echo "!!! /usr/bin/chromium is missing and cannot be installed here: the browser tests will be SKIPPED." >&2
  fi
fi
if command -v npm >/dev/null; then
  npm ci --prefix tests/e2e --silent --no-audit --no-fund >/dev/null || echo "!!! npm ci failed in tests/e2e" >&2
  npm ci --prefix tests/interop --silent --no-audit --no-fund >/dev/null || echo "!!! npm ci failed in tests/interop" >&2
else
  echo "!!! npm is missing: without axe-core the browser tests' accessibility checks FAIL." >&2
  echo "!!! npm is missing: the independent verifier's tests (tests/interop) are SKIPPED, or FAIL under CI." >&2
fi
exit 0
