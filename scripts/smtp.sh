#!/usr/bin/env bash
# A throwaway SMTP server for tests and local trials: aiosmtpd (Debian's python3-aiosmtpd) on a
# loopback port, storing every message it accepts in a Maildir.
#   scripts/smtp.sh install          installs python3-aiosmtpd with apt-get when it is missing
#   scripts/smtp.sh start DIR PORT   installs it when missing, starts the server in the background
#                                    with its Maildir in DIR/maildir, prints host:port
#   scripts/smtp.sh stop DIR         stops it and removes DIR
# The email plugin's tests start servers of their own (same software); they need only `install`.
set -euo pipefail

python=${CRM_TEST_PYTHON:-/usr/bin/python3}

install() {
  if ! "$python" -c 'import aiosmtpd' 2>/dev/null; then
    echo "aiosmtpd is missing: installing python3-aiosmtpd with apt-get." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq python3-aiosmtpd >&2
  fi
}

case "${1:-}" in
  install)
    install
    ;;
  start)
    dir=$2 port=$3
    install
    mkdir -p "$dir"
    nohup "$python" -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$dir/maildir" \
      >"$dir/server.log" 2>&1 &
    echo $! >"$dir/server.pid"
    for _ in $(seq 1 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "127.0.0.1:$port"
        exit 0
      fi
      kill -0 "$(cat "$dir/server.pid")" 2>/dev/null || { cat "$dir/server.log" >&2; exit 1; }
      sleep 0.1
    done
    echo "The SMTP server did not start on 127.0.0.1:$port." >&2
    exit 1
    ;;
  stop)
    dir=$2
    if [ -f "$dir/server.pid" ]; then kill "$(cat "$dir/server.pid")" 2>/dev/null || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 install | start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
