#!/usr/bin/env bash
# The ceremony, end to end, over the local deployment (scripts/deploy-local.sh, started here when it is not running):
# an édition is prepared (generated dossiers with their results, imported), then bench/ceremonie.mjs publishes it under
# embargo a few seconds ahead while a crowd reads it through nginx, corrects it, kills an API instance and stops
# PostgreSQL under the load, checks what readers and writers saw and prints the figures. Exit code 1 when an expectation
# fails. LABELS_CEREMONIE_LECTEURS (64) readers; LABELS_CEREMONIE_ECHELLE (1: about 250 dossiers) the édition's size.
set -euo pipefail
cd "$(dirname "$0")/.."
racine=$(pwd)
dossier="$racine/.deploy"
# A deployment of its own (a running local deployment is stopped first), on a database of its own made afresh (éditions
# are published in order, and a run that failed may have left one unpublished), stopped at the end.
scripts/deploy-local.sh stop >/dev/null
trap 'scripts/deploy-local.sh stop >/dev/null' EXIT
source scripts/pg.sh
labels_pg_demarrer deploy "${LABELS_PG_PORT_DEPLOY:-55435}"
"$LABELS_PG_BIN/dropdb" -h 127.0.0.1 -p "$LABELS_PG_PORT" -U postgres --if-exists --force labels_ceremonie
LABELS_DEPLOY_BASE=labels_ceremonie LABELS_DEMO=0 scripts/deploy-local.sh start
instance="http://127.0.0.1:${LABELS_DEPLOY_API_PORT:-5101}"
mot_de_passe=$(cat "$dossier/admin-password")

jeton=$(curl -fsS -X POST "$instance/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "$(printf '{"email":"admin@labels.local","password":"%s"}' "$mot_de_passe")" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
[ -n "$jeton" ] || { echo "Connexion administrateur impossible." >&2; exit 1; }

# The first year without an édition (2023 on the fresh database).
annee=2023
while [ "$(curl -s -o /dev/null -w '%{http_code}' "$instance/api/v1/editions/$annee")" != 404 ]; do annee=$((annee + 1)); done
echo "== Édition $annee : dossiers générés et importés" >&2
dotnet build tools/Labels.Cli -c Release -nologo -v q >/dev/null
cli=(dotnet tools/Labels.Cli/bin/Release/net10.0/labels-import.dll)
fichier=$(mktemp --suffix=.csv)
trap 'rm -f "$fichier"; scripts/deploy-local.sh stop >/dev/null' EXIT
curl -fsS -o /dev/null -H "Authorization: Bearer $jeton" -X POST "$instance/api/v1/editions" -H 'Content-Type: application/json' \
  -d "{\"annee\":$annee,\"numero\":$((annee - 1999)),\"historique\":true}"
"${cli[@]}" generate --edition "$annee" --scale "${LABELS_CEREMONIE_ECHELLE:-1}" --seed "$annee" --historique -o "$fichier" >&2
"${cli[@]}" --edition "$annee" --url "$instance" --token "$jeton" "$fichier" >/dev/null

echo "== La cérémonie" >&2
CEREMONIE_URL="https://127.0.0.1:${LABELS_DEPLOY_HTTPS_PORT:-8443}" CEREMONIE_URL_INSTANCE="$instance" CEREMONIE_ANNEE=$annee \
CEREMONIE_CA="$dossier/tls/labels.crt" CEREMONIE_EMAIL=admin@labels.local CEREMONIE_MOT_DE_PASSE="$mot_de_passe" \
CEREMONIE_JOURNAL_NGINX="$dossier/logs/access.log" CEREMONIE_RUN="$dossier/run" CEREMONIE_DEPLOY="$racine/scripts/deploy-local.sh" \
CEREMONIE_RACINE="$racine" CEREMONIE_LECTEURS="${LABELS_CEREMONIE_LECTEURS:-64}" \
  node bench/ceremonie.mjs
