#!/usr/bin/env bash
# Runs the API. Without ConnectionStrings__Labels it starts a project-local PostgreSQL (.pg/api).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh

if [ -z "${ConnectionStrings__Labels:-}" ]; then
  labels_pg_demarrer api "${LABELS_PG_PORT_API:-55432}"
  labels_pg_creer_base labels
  export ConnectionStrings__Labels="Host=127.0.0.1;Port=$LABELS_PG_PORT;Username=postgres;Database=labels"
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
echo "Swagger UI : $url/swagger"
exec dotnet run --project src/Labels.Api -c Release --no-launch-profile --urls "$url"
