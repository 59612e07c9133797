#!/usr/bin/env bash
# Serve the platform on 127.0.0.1:$PORT with a task worker and the periodic scheduler
# beside it; Ctrl-C stops all three.
set -euo pipefail
py=$1
port=$2
trap 'kill 0' EXIT
"$py" manage.py run_worker --queue-name default &
"$py" manage.py run_periodic --every 300 &
"$py" manage.py runserver "127.0.0.1:${port}"
