#!/usr/bin/env bash
# Lints an OpenAPI document with Redocly CLI (recommended rules) and Spectral (spectral:oas): the exit status is
# non-zero when either reports an error. Usage: scripts/openapi-lint.sh [FILE or URL]; without an argument, the
# document served by a local API (scripts/api.sh) at $LABELS_URL (default http://127.0.0.1:5080).
# The test command runs it on the document the API under test serves (OpenApiTests).
set -euo pipefail
cd "$(dirname "$0")/../tools/openapi"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
[ -x node_modules/.bin/redocly ] && [ -x node_modules/.bin/spectral ] || npm ci --silent --no-audit --no-fund >&2

document=${1:-${LABELS_URL:-http://127.0.0.1:5080}/swagger/v1/swagger.json}
if [[ $document == http* ]]; then
  fichier=$(mktemp --suffix=.json)
  trap 'rm -f "$fichier"' EXIT
  curl -fsS "$document" -o "$fichier"
  document=$fichier
fi

echo "== Redocly (recommended)"
node_modules/.bin/redocly lint "$document" --config redocly.yaml --format summary
echo "== Spectral (spectral:oas)"
node_modules/.bin/spectral lint "$document" --ruleset .spectral.yaml --fail-severity error
