#!/usr/bin/env bash
# Runs every CrmPlatform test: unit, grain (in-process Orleans cluster), storage contracts on SQLite
# and a real PostgreSQL, API (real Kestrel on loopback) and the crash-safety integration test (real
# host processes killed with SIGKILL). Needs only the .NET SDK; installs and starts whatever else
# the tests need (PostgreSQL, an SMTP server and chromium, with apt-get) when it is missing, and stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration=Release
log=$(mktemp)

# A throwaway PostgreSQL server (installed with apt-get when missing) for the tests that need one.
pg_port=${CRM_TEST_PG_PORT:-55433}
while (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; do pg_port=$((pg_port + 1)); done
pg_dir=$(mktemp -d -u /tmp/crm-test-pg.XXXXXX)
trap 'rm -f "$log"; ./scripts/postgres.sh stop "$pg_dir"' EXIT
CRM_TEST_POSTGRES=$(./scripts/postgres.sh start "$pg_dir" "$pg_port")
export CRM_TEST_POSTGRES

# The SMTP server software (python3-aiosmtpd, installed with apt-get when missing); the email
# plugin's tests start their own servers on free loopback ports.
./scripts/smtp.sh install
# Debian's chromium for the web chat end-to-end test: Playwright drives /usr/bin/chromium and cannot
# download a browser of its own here. The test fails (it never skips) when the browser is missing.
if [ ! -x /usr/bin/chromium ]; then
  as_root=""
  if [ "$(id -u)" -ne 0 ]; then as_root="sudo"; fi
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium
fi

dotnet build CrmPlatform.sln -c "$configuration" -warnaserror
set +e
# One test project at a time: the integration tests measure latency and must not share the two
# cores with another project's tests.
dotnet test --solution CrmPlatform.sln -c "$configuration" --no-build --max-parallel-test-modules 1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# The failed tests again, each with the first lines of its error, where a reader of the tail sees them.
failures=$(awk '
  /^failed / { shown = 0; printing = 1; print ""; print; next }
  printing && /^[[:space:]]/ && shown < 25 { print; shown++; next }
  { printing = 0 }
' "$log")
if [ -n "$failures" ]; then
  printf 'Failed tests:%s\n\n' "$failures"
fi

# One plain closing line for whoever reads the output: "N passed, N failed, N skipped".
awk '
  /^[[:space:]]*succeeded:/ { passed += $2 }
  /^[[:space:]]*failed:/    { failed += $2 }
  /^[[:space:]]*skipped:/   { skipped += $2 }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"

if grep -Eq '^[[:space:]]*skipped:[[:space:]]*[1-9]' "$log"; then
  echo "Tests were skipped; every test must run." >&2
  exit 1
fi
exit "$status"
