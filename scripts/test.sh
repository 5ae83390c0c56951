#!/usr/bin/env bash
# Runs every test. Without LABELS_TEST_DB it starts a project-local PostgreSQL (.pg/test) tuned for throw-away data; the API
# tests create a fresh database there on each run. A cluster this run started is stopped when it ends, unless
# LABELS_GARDER_PG=1; one that was already running is left as it was.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh

pg_a_arreter=0
pg_message=""
if [ -z "${LABELS_TEST_DB:-}" ]; then
  labels_pg_demarrer test "${LABELS_PG_PORT_TEST:-55433}" -c fsync=off -c synchronous_commit=off -c full_page_writes=off
  export LABELS_TEST_DB="Host=127.0.0.1;Port=$LABELS_PG_PORT;Username=postgres;Database=labels_test"
  # The outage test stops and restarts this cluster (with another server it cuts the connections instead).
  export LABELS_TEST_PG_ARRET="source '$LABELS_RACINE/scripts/pg.sh' && labels_pg_arreter test"
  export LABELS_TEST_PG_RELANCE="source '$LABELS_RACINE/scripts/pg.sh' && labels_pg_relancer test"
  if [ "$LABELS_PG_DEMARRE" = 0 ]; then
    echo "PostgreSQL de test déjà en marche (port $LABELS_PG_PORT) : il le restera."
    pg_message="PostgreSQL de test laissé en marche (port $LABELS_PG_PORT). Pour l'arrêter : $(labels_pg_commande_arret test)"
  elif [ "${LABELS_GARDER_PG:-0}" = 1 ]; then
    echo "PostgreSQL de test démarré (port $LABELS_PG_PORT) ; gardé après les tests (LABELS_GARDER_PG=1)."
    pg_message="PostgreSQL de test laissé en marche (port $LABELS_PG_PORT). Pour l'arrêter : $(labels_pg_commande_arret test)"
  else
    echo "PostgreSQL de test démarré (port $LABELS_PG_PORT) ; arrêté à la fin des tests (LABELS_GARDER_PG=1 le garde)."
    pg_a_arreter=1
  fi
fi

# Stops the cluster this run started (the outage test may have left it stopped), or says how to; once, at the end or on an
# interruption.
fin_pg() {
  if [ "$pg_a_arreter" = 1 ]; then
    pg_a_arreter=0
    if labels_pg_en_marche test; then
      labels_pg_arreter test && echo "PostgreSQL de test arrêté." || echo "PostgreSQL de test non arrêté : $(labels_pg_commande_arret test)" >&2
    fi
  elif [ -n "$pg_message" ]; then
    echo "$pg_message"
    pg_message=""
  fi
}

# The browser tests' Chromium and packages (PagesNavigateurTests), installed when missing before the run rather than during it.
scripts/navigateur.sh --installer || echo "Navigateur non installé : PagesNavigateurTests échouera." >&2

sortie=$(mktemp)
trap 'fin_pg; rm -f "$sortie"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
set +e
dotnet test Labels.sln -c Release "$@" 2>&1 | tee "$sortie"
code=${PIPESTATUS[0]}
set -e
fin_pg

# One closing line for the whole run, summed over the test assemblies.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
       }
       n++
     }
     END { if (n) printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' FS='[ ,]+' "$sortie"
exit "$code"
