#!/usr/bin/env bash
# Loads demo data through the API when it has no édition yet: archived éditions 2019–2021 generated
# from the real COG (tools/Labels.Cli), imported and published, then 2022 open for candidatures.
# Usage: scripts/demo.sh URL ADMIN_EMAIL ADMIN_PASSWORD
set -euo pipefail
cd "$(dirname "$0")/.."
url=$1 email=$2 motdepasse=$3

jeton=$(curl -fsS -X POST "$url/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "$(printf '{"email":"%s","password":"%s"}' "$email" "$motdepasse")" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
[ -n "$jeton" ] || { echo "Connexion administrateur impossible." >&2; exit 1; }
auth=(-H "Authorization: Bearer $jeton")

total=$(curl -fsS "$url/api/v1/editions?pageSize=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
[ "${total:-0}" = 0 ] || exit 0

echo "Base vide : chargement des données de démonstration…"
echo "Compilation de labels-import…"
dotnet build tools/Labels.Cli -c Release -nologo
cli=(dotnet tools/Labels.Cli/bin/Release/net10.0/labels-import.dll)
dossier=$(mktemp -d)
trap 'rm -rf "$dossier"' EXIT

for annee in 2019 2020 2021 2022; do
  historique=true; [ "$annee" = 2022 ] && historique=false
  curl -fsS -o /dev/null "${auth[@]}" -X POST "$url/api/v1/editions" -H 'Content-Type: application/json' \
    -d "{\"annee\":$annee,\"numero\":$((annee - 1999)),\"historique\":$historique}"
  options=(--edition "$annee" --scale "${LABELS_DEMO_ECHELLE:-0.3}" --seed "$annee" -o "$dossier/$annee.csv")
  if [ "$historique" = true ]; then
    "${cli[@]}" generate "${options[@]}" --historique
  else
    curl -fsS -o /dev/null "${auth[@]}" -X PUT "$url/api/v1/editions/$annee/statut" -H 'Content-Type: application/json' -d '{"statut":"candidatures"}'
    "${cli[@]}" generate "${options[@]}"
  fi
  "${cli[@]}" --edition "$annee" --url "$url" --token "$jeton" "$dossier/$annee.csv" >/dev/null
  if [ "$historique" = true ]; then
    curl -fsS -o /dev/null "${auth[@]}" -X POST "$url/api/v1/editions/$annee/publication" -H 'Content-Type: application/json' -d '{}'
  fi
  echo "  édition $annee chargée"
done
