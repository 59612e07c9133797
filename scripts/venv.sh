#!/usr/bin/env bash
# Create the virtual environment. Debian and Ubuntu ship venv in a separate package; when
# it is missing and we may install packages, install it.
set -euo pipefail
python=${1:-python3}
venv=${2:-.venv}
if [ -x "$venv/bin/python" ]; then exit 0; fi
if ! "$python" -m venv "$venv" 2>/dev/null; then
  rm -rf "$venv"
  version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing python${version}-venv with apt-get…"
    apt-get update -qq && apt-get install -y -qq "python${version}-venv" >/dev/null
    "$python" -m venv "$venv"
  else
    echo "Python's venv module is missing. Install it (sudo apt-get install python${version}-venv) and run make again." >&2
    exit 1
  fi
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check --upgrade pip
