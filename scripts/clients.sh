#!/usr/bin/env bash
# The TypeScript clients of clients/: generates their types (clients/generated/schema.d.ts) from the OpenAPI document a
# running API serves at $LABELS_URL (default http://127.0.0.1:5080), compiles them with tsc under the strict settings of
# clients/tsconfig.json (into clients/dist), then runs the ones named. Usage: scripts/clients.sh [portail] [jury];
# each client reads its settings from the environment (see the head of clients/portail.ts and clients/jury.ts).
# The test command runs it against the API under test (ClientTypeScriptTests).
set -euo pipefail
cd "$(dirname "$0")/../clients"
[ -x node_modules/.bin/openapi-typescript ] && [ -x node_modules/.bin/tsc ] || npm ci --silent --no-audit --no-fund >&2

export LABELS_URL=${LABELS_URL:-http://127.0.0.1:5080}
LABELS_URL=${LABELS_URL%/}
# Nothing of an earlier run survives: types and scripts are those of the document served now.
rm -rf generated dist
node_modules/.bin/openapi-typescript "$LABELS_URL/swagger/v1/swagger.json" -o generated/schema.d.ts >&2
node_modules/.bin/tsc -p .
for client in "$@"; do
  echo "== $client" >&2
  node "dist/$client.js"
done
