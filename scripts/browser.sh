#!/usr/bin/env bash
# What the browser tests need: Debian's chromium, and axe-core from npm. Playwright's
# own browser download cannot work here, so the tests drive /usr/bin/chromium.
# Also the independent credential verifier's npm packages (tests/interop), and the PDF,
# QR and OCR tools of the certificate tests.
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
# The certificate tests render PDFs (poppler-utils), decode their QR codes (zbar-tools)
# and read them back (tesseract-ocr); certificates are set in DejaVu Sans.
missing=()
for tool in pdftoppm:poppler-utils zbarimg:zbar-tools tesseract:tesseract-ocr; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool##*:}")
done
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]} for the certificate tests…"
    (apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null)) \
      || echo "!!! Could not install ${missing[*]}: the certificate image tests will be SKIPPED." >&2
  else
    echo "!!! ${missing[*]} missing and cannot be installed here: the certificate image tests will be SKIPPED." >&2
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
