#!/usr/bin/env bash
# Runs every test. Without LABELS_TEST_DB it starts a project-local PostgreSQL (.pg/test) tuned for
# throw-away data; the API tests create a fresh database there on each run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh

if [ -z "${LABELS_TEST_DB:-}" ]; then
  labels_pg_demarrer test "${LABELS_PG_PORT_TEST:-55433}" -c fsync=off -c synchronous_commit=off -c full_page_writes=off
  export LABELS_TEST_DB="Host=127.0.0.1;Port=$LABELS_PG_PORT;Username=postgres;Database=labels_test"
  # The outage test stops and restarts this cluster (with another server it cuts the connections instead).
  export LABELS_TEST_PG_ARRET="source '$LABELS_RACINE/scripts/pg.sh' && labels_pg_arreter test"
  export LABELS_TEST_PG_RELANCE="source '$LABELS_RACINE/scripts/pg.sh' && labels_pg_relancer test"
fi

sortie=$(mktemp)
trap 'rm -f "$sortie"' EXIT
set +e
dotnet test Labels.sln -c Release "$@" 2>&1 | tee "$sortie"
code=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test assemblies.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
       }
       n++
     }
     END { if (n) printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' FS='[ ,]+' "$sortie"
exit "$code"
