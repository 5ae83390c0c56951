#!/usr/bin/env bash
# Runs the API. Without ConnectionStrings__Labels it starts a project-local PostgreSQL (.pg/api), which stays up after the API
# (the next run reuses it); the script says how to stop it. On an empty database it loads demo data (three published archived
# éditions and an open one), unless LABELS_DEMO=0. LABELS_SQL=1 logs every SQL statement.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh

pg_local=0
if [ -z "${ConnectionStrings__Labels:-}" ]; then
  labels_pg_demarrer api "${LABELS_PG_PORT_API:-55432}"
  labels_pg_creer_base labels
  export ConnectionStrings__Labels="Host=127.0.0.1;Port=$LABELS_PG_PORT;Username=postgres;Database=labels"
  pg_local=1
  if [ "$LABELS_PG_DEMARRE" = 1 ]; then etat="démarré"; else etat="déjà en marche"; fi
  echo "PostgreSQL local $etat (port $LABELS_PG_PORT) ; il reste allumé après l'API. Pour l'arrêter : $(labels_pg_commande_arret api)"
fi

if [ -z "${Bootstrap__AdminEmail:-}" ]; then
  # A local first administrator; its password is generated once and kept out of the repository.
  mkdir -p .pg
  [ -s .pg/admin-password ] || { { head -c 18 /dev/urandom | base64 | tr '+/' '-_'; echo -n 'Aa1'; } | tr -d '\n' > .pg/admin-password; chmod 600 .pg/admin-password; }
  export Bootstrap__AdminEmail=admin@labels.local
  export Bootstrap__AdminPassword=$(cat .pg/admin-password)
  echo "Administrateur local : $Bootstrap__AdminEmail / mot de passe dans .pg/admin-password"
fi

url=${LABELS_URL:-http://127.0.0.1:5080}
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
# The first build takes a minute or more: its progress is shown, not hidden.
echo "Compilation de l'API…"
dotnet build src/Labels.Api -c Release -nologo
options=(--urls "$url")
# SQL statements on demand only (README, Logs): the category's name holds dots, which `export` refuses.
[ "${LABELS_SQL:-0}" = 1 ] && options+=(--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=Information)
dotnet run --project src/Labels.Api -c Release --no-build --no-launch-profile "${options[@]}" &
api=$!

fin() {
  kill "$api" 2>/dev/null || true
  if [ "$pg_local" = 1 ] && labels_pg_en_marche api; then
    echo "PostgreSQL local toujours en marche (port $LABELS_PG_PORT). Pour l'arrêter : $(labels_pg_commande_arret api)"
  fi
}
trap fin EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$url/health/ready" 2>/dev/null && break
  kill -0 "$api" 2>/dev/null || { wait "$api"; exit $?; }
  sleep 1
done

if [ "${LABELS_DEMO:-1}" != 0 ]; then
  scripts/demo.sh "$url" "$Bootstrap__AdminEmail" "$Bootstrap__AdminPassword" || echo "Données de démonstration non chargées (voir ci-dessus)." >&2
fi
echo "Swagger UI : $url/swagger"
wait "$api"
