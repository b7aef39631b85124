#!/usr/bin/env bash
# Runs every CrmPlatform test: unit, grain (in-process Orleans cluster), API (real Kestrel on
# loopback) and the crash-safety integration test (real host processes killed with SIGKILL).
# Needs only the .NET SDK; installs and starts whatever else the tests need when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration=Release
log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet build CrmPlatform.sln -c "$configuration" -warnaserror
set +e
dotnet test --solution CrmPlatform.sln -c "$configuration" --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

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
