#!/usr/bin/env bash
# Serve the platform on 127.0.0.1:$PORT with one task worker beside it; Ctrl-C stops both.
set -euo pipefail
py=$1
port=$2
trap 'kill 0' EXIT
"$py" manage.py db_worker --queue-name default &
"$py" manage.py runserver "127.0.0.1:${port}"
