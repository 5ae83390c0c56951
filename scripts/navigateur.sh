#!/usr/bin/env bash
# The HTML pages tested in a real browser: installs what it needs when missing — Debian's chromium (with apt, as root, as
# scripts/pg.sh installs PostgreSQL) and the packages of tools/navigateur from their lock file (npm ci) — then runs
# tools/navigateur/pages.mjs with the settings of its environment (listed at its head). `scripts/navigateur.sh --installer`
# installs only: scripts/test.sh does so before the tests, PagesNavigateurTests runs the checks.
set -euo pipefail
cd "$(dirname "$0")/../tools/navigateur"
chromium=${LABELS_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installation de chromium (apt)…" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  else
    echo "chromium absent ($chromium) : installez-le (apt-get install chromium) ou donnez LABELS_CHROMIUM." >&2
    exit 1
  fi
fi
# playwright-core drives the system's browser: it downloads none.
[ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund >&2
[ "${1:-}" = "--installer" ] && exit 0
exec node pages.mjs
