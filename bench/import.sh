#!/usr/bin/env bash
# Benchmark of the yearly import (POST /api/v1/editions/{annee}/imports): the 2022-sized year and a
# LABELS_BENCH_ECHELLE× one, in CSV and JSON, first import then re-import, side by side with the
# plainest way to put the same fiche rows in PostgreSQL (psql \copy of the CSV into a bare table).
# The ratio API/\copy tells what parsing, checking and merging by natural keys cost on top of it.
#
# Usage: bench/import.sh        (as root on Debian; see bench/README.md, section Imports)
#   LABELS_BENCH_CONFIG   build configuration of the API (default Release)
#   LABELS_BENCH_ECHELLE  scale of the large file (default 100: ~1.45 M fiches, ~1.1 GB of CSV)
#   LABELS_BENCH_GRAINE   seed of the generated files (default 42)
#   LABELS_BENCH_GENERER=0  reuse the files already in bench/out (same scale and seed)
#   LABELS_BENCH_PUBLIER=0  reuse bench/out/api-import as it is (e.g. while src/ is mid-edit)
#   LABELS_BENCH_ESSAIS_CHAUFFE  dry runs of each 2022-sized file before any measure (default 8)
#   LABELS_BENCH_ESSAIS_1X  first imports of each 2022-sized file, the best kept, as for \copy (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh
source bench/commun.sh

CONFIG=${LABELS_BENCH_CONFIG:-Release}
ECHELLE=${LABELS_BENCH_ECHELLE:-100}
GRAINE=${LABELS_BENCH_GRAINE:-42}
OUT=$LABELS_RACINE/bench/out
CLI_DLL=$LABELS_RACINE/tools/Labels.Cli/bin/Release/net10.0/labels-import.dll
PORT=5092
API=http://127.0.0.1:$PORT
BASE=labels_bench_import
# Large files must stay synchronous (the answer is the end of the import, so curl times it) and
# under the route's size limit (2 GiB by default: the 100× files are 1.1–1.25 GB, larger scales exceed it).
SEUIL_ASYNC=100000000000
TAILLE_MAX=$((64 << 30))
ESSAIS_1X=${LABELS_BENCH_ESSAIS_1X:-3}
debut=$SECONDS

[[ "$ECHELLE" =~ ^[0-9]+([.][0-9]+)?$ ]] || echouer "LABELS_BENCH_ECHELLE=$ECHELLE : un nombre est attendu."
[[ "$ESSAIS_1X" =~ ^[1-9][0-9]*$ ]] || echouer "LABELS_BENCH_ESSAIS_1X=$ESSAIS_1X : un entier positif est attendu."
for outil in curl jq dotnet; do command -v "$outil" >/dev/null 2>&1 || echouer "il manque $outil."; done
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then echouer "le port 127.0.0.1:$PORT est déjà pris."; fi
mkdir -p "$OUT"

# --- Clean-up: whatever was started is stopped, even after a failure --------------------------------
API_PID='' ECHANTILLONNEUR=''
bench_a_la_sortie ECHANTILLONNEUR API_PID

# --- 1. The CLI and the files -----------------------------------------------------------------------
echo_etape "Construction de labels-import (Release)"
dotnet build tools/Labels.Cli -c Release -nologo >"$OUT/import-build.log" 2>&1 \
  || { tail -30 "$OUT/import-build.log" >&2; echouer "dotnet build tools/Labels.Cli (journal : $OUT/import-build.log)"; }
cli() { dotnet "$CLI_DLL" "$@"; }

ECHELLES=(1)
[ "$ECHELLE" = 1 ] || ECHELLES+=("$ECHELLE")
fichier() { echo "$OUT/import-${1}x.$2"; }
megaoctets() { awk -v n="$(stat -c %s "$1")" 'BEGIN { printf "%.0f", n / 1e6 }'; }
for e in "${ECHELLES[@]}"; do
  for f in csv json; do
    if [ "${LABELS_BENCH_GENERER:-1}" = 0 ] && [ -s "$(fichier "$e" "$f")" ]; then continue; fi
    echo_etape "Génération : échelle $e, $f"
    cli generate --edition 2022 --scale "$e" --seed "$GRAINE" --format "$f" -o "$(fichier "$e" "$f")"
  done
done

# --- 2. Database and API ----------------------------------------------------------------------------
bench_base bench-import 55435 "$BASE"
bench_publier "$OUT/api-import" "$OUT/import-publish.log"

EMAIL=bench-import@labels.local
MOT_DE_PASSE="Bench$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | cut -c1-16)a9Z"
: >"$OUT/import-api.log"

# The API runs through every measure, as a server in service does (warmed up by dry runs first); its peak
# memory (VmHWM) is reset before each measure, so that it is that import's peak.
demarrer_api() {
  ConnectionStrings__Labels="Host=127.0.0.1;Port=$LABELS_PG_PORT;Username=postgres;Database=$BASE" \
  Bootstrap__AdminEmail=$EMAIL \
  Bootstrap__AdminPassword="$MOT_DE_PASSE" \
  ASPNETCORE_ENVIRONMENT=Production \
  Logging__LogLevel__Default=Warning \
  Imports__SeuilAsynchrone=$SEUIL_ASYNC \
  Imports__TailleMax=$TAILLE_MAX \
    dotnet "$OUT/api-import/Labels.Api.dll" --urls "$API" >>"$OUT/import-api.log" 2>&1 &
  API_PID=$!
  # Start-up applies the migrations and loads the COG the first time (~10 s): at most 120 s.
  local _
  for _ in $(seq 240); do
    kill -0 "$API_PID" 2>/dev/null || { tail -30 "$OUT/import-api.log" >&2; echouer "l'API s'est arrêtée (journal : $OUT/import-api.log)"; }
    if [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "$API/health/ready" || true)" = 200 ]; then
      JETON=''
      JETON=$(appeler POST /api/v1/auth/login "{\"email\":\"$EMAIL\",\"password\":\"$MOT_DE_PASSE\"}" 200 | jq -r .accessToken)
      [ -n "$JETON" ] && [ "$JETON" != null ] || echouer "pas de accessToken dans la réponse de /auth/login"
      return 0
    fi
    sleep 0.5
  done
  echouer "l'API n'est pas prête après 120 s (journal : $OUT/import-api.log)"
}
# appeler MÉTHODE CHEMIN CORPS STATUT_ATTENDU — prints the body; fails on any other status.
JETON=''
appeler() {
  local reponse statut
  reponse=$(curl -s -m 60 -w '\n%{http_code}' -X "$1" "$API$2" -H 'Content-Type: application/json' \
    ${JETON:+-H "Authorization: Bearer $JETON"} --data "$3")
  statut=${reponse##*$'\n'}
  [ "$statut" = "$4" ] || echouer "$1 $2 a répondu $statut au lieu de $4 : ${reponse%$'\n'*}"
  printf '%s' "${reponse%$'\n'*}"
}
memoire() { awk -v k="$1:" '$1 == k { printf "%.0f", $2 / 1024 }' "/proc/$API_PID/status"; }  # MB
# The kernel's "5" resets the process's VmHWM to its current RSS (proc(5), clear_refs).
remettre_pic() { echo 5 >"/proc/$API_PID/clear_refs"; }
# Idle share of the CPUs over one second: a concurrent build or test run skews every figure.
inactivite() {
  local a b
  a=$(head -1 /proc/stat); sleep 1; b=$(head -1 /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x); split(b, y); for (i = 2; i <= 11; i++) t += y[i] - x[i];
    printf "%.0f", 100 * ((y[5] - x[5]) + (y[6] - x[6])) / (t ? t : 1) }'
}

nouvelle_edition() {
  annee=$((annee + 1))
  appeler POST /api/v1/editions "{\"annee\":$annee,\"numero\":$((annee - 1999))}" 201 >/dev/null
  appeler PUT "/api/v1/editions/$annee/statut" '{"statut":"candidatures"}' 200 >/dev/null
}

# What the import's connection is doing, about every 0.5 s, to tell where the time goes. Each sample
# answers one line, "-" when no statement of the bench database runs, so its time is accounted for.
echantillonner() {
  local journal=$1 _
  for _ in $(seq 14400); do  # two hours at most
    "${PSQL[@]}" -d postgres -Atc "SELECT extract(epoch FROM clock_timestamp()), coalesce(a.state, '-'), coalesce(a.requete, '')
      FROM (SELECT 1) x LEFT JOIN (SELECT state, left(regexp_replace(query, '\s+', ' ', 'g'), 60) AS requete FROM pg_stat_activity
        WHERE datname = '$BASE' AND backend_type = 'client backend' AND pid <> pg_backend_pid()
          AND (state = 'active' OR state LIKE 'idle in transaction%') ORDER BY state = 'active' DESC LIMIT 1) a ON true" \
      >>"$journal" 2>/dev/null || true
    sleep 0.5
  done
}
# phases JOURNAL — seconds spent in each phase of ChargeurImport (Npgsql sends the merge's statements one
# by one, so each shows on its own): each sample lasts until the next one.
phases() {
  awk -F'|' '
    function classe(etat, q) {
      if (etat == "-") return 7
      if (etat ~ /^idle in transaction/) return 6
      if (q ~ /^COPY (import_lignes|fiches_actions)/) return 1
      if (q ~ /^SELECT (l\.)?ligne/) return 2
      if (q ~ /^(-- One dossier|CREATE TEMP TABLE import_(dossiers|fiches|changes)|UPDATE import_(dossiers|fiches)|SELECT \(SELECT count)/) return 3
      if (q ~ /^(INSERT INTO (collectivites|candidatures)|WITH (maj|ins) AS|ALTER TABLE fiches_actions ATTACH)/) return 4
      return 5
    }
    NR > 1 { d[c] += $1 - t }
    { t = $1; c = classe($2, $3) }
    END { for (i = 1; i <= 7; i++) printf "%.1f ", d[i] }' "$1"
}

# --- 3. Measures ------------------------------------------------------------------------------------
demarrer_api
# Warm-up: the JIT compiles the import path in tiers over its first runs; a server in service is past that.
# Dry runs of the 2022-sized files into an édition of their own write nothing. Imports of that size, one
# after the other on a fresh API, stop getting faster after about eight (1.6 s → 0.3–0.5 s); three, as
# before, left the 2022-sized measures on code still being recompiled.
echo_etape "Chauffe : essais à blanc de $(basename "$(fichier 1 csv)") et $(basename "$(fichier 1 json)")"
appeler POST /api/v1/editions '{"annee":2040,"numero":41}' 201 >/dev/null
appeler PUT /api/v1/editions/2040/statut '{"statut":"candidatures"}' 200 >/dev/null
for _ in $(seq "${LABELS_BENCH_ESSAIS_CHAUFFE:-8}"); do
  for f in csv json; do
    type=$([ "$f" = csv ] && echo text/csv || echo application/json)
    code=$(curl -s -m 600 -o /dev/null -w '%{http_code}' -X POST -T "$(fichier 1 "$f")" -H "Content-Type: $type" \
      -H "Authorization: Bearer $JETON" "$API/api/v1/editions/2040/imports?dryRun=true")
    [ "$code" = 200 ] || echouer "l'essai à blanc de chauffe a répondu $code"
  done
done
IDLE=$(inactivite)
LIGNES=()
PHASES=()
ECHECS=0
annee=2021
declare -A COPIE_DEBIT

for e in "${ECHELLES[@]}"; do
  csv=$(fichier "$e" csv)
  fiches=$(($(wc -l <"$csv") - 1))

  # Baseline: the same fiche rows, as text, into a bare table; best of two so the page cache is warm.
  echo_etape "Référence : \\copy de $(basename "$csv") ($fiches lignes)"
  meilleur=''
  for _ in 1 2; do
    "${PSQL[@]}" -d "$BASE" -c 'DROP TABLE IF EXISTS copie_fiches' -c 'CREATE TABLE copie_fiches (collectivite text, arobases text,
      mentions text, reference text, titre text, resume text, description text, date_debut text, date_fin text, en_cours text,
      enjeux text, services text, liens text)'
    t0=$(date +%s.%N)
    "${PSQL[@]}" -d "$BASE" -c "\\copy copie_fiches FROM '$csv' WITH (FORMAT csv, HEADER true, DELIMITER ';')"
    t1=$(date +%s.%N)
    duree=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    if [ -z "$meilleur" ] || awk -v a="$duree" -v b="$meilleur" 'BEGIN { exit !(a < b) }'; then meilleur=$duree; fi
  done
  copie=$("${PSQL[@]}" -d "$BASE" -Atc 'SELECT count(*) FROM copie_fiches')
  [ "$copie" = "$fiches" ] || echouer "\\copy a chargé $copie lignes au lieu de $fiches"
  "${PSQL[@]}" -d "$BASE" -c 'DROP TABLE copie_fiches'
  COPIE_DEBIT[$e]=$(awk -v n="$fiches" -v s="$meilleur" 'BEGIN { printf "%.0f", n / s }')
  LIGNES+=("$e|csv|$(megaoctets "$csv")|$fiches|\\copy|ok|$meilleur|${COPIE_DEBIT[$e]}|1.00|-|-|-|-")

  for f in csv json; do
    source_=$(fichier "$e" "$f")
    type=$([ "$f" = csv ] && echo text/csv || echo application/json)
    taille=$(megaoctets "$source_")
    # A 2022-sized first import lasts a few tenths of a second, as noisy as the \copy it is set against: like it, the
    # best of several tries, the others each into an édition of their own.
    autres=()
    if [ "$e" = 1 ]; then
      for _ in $(seq 2 "$ESSAIS_1X"); do
        nouvelle_edition
        cat "$source_" >/dev/null
        read -r code t < <(curl -s -m 600 -o /dev/null -w '%{http_code} %{time_total}\n' -X POST -T "$source_" -H "Content-Type: $type" \
          -H "Authorization: Bearer $JETON" "$API/api/v1/editions/$annee/imports")
        [ "$code" = 200 ] || echouer "un essai d'import de $(basename "$source_") a répondu $code"
        autres+=("$t")
      done
    fi
    # One fresh édition per file: an édition's dossiers cannot be removed through the API.
    nouvelle_edition

    for passe in 1 2; do
      nom=$([ "$passe" = 1 ] && echo "import" || echo "re-import")
      echo_etape "Échelle $e, $f, $nom dans l'édition $annee ($taille Mo)"
      cat "$source_" >/dev/null  # same warm page cache as the \copy baseline
      idle=$(inactivite)
      remettre_pic
      hwm_avant=$(memoire VmHWM)
      rapport=$OUT/import-rapport-${e}x-$f-$passe.json
      journal=$OUT/import-phases-${e}x-$f-$passe.log
      : >"$journal"
      echantillonner "$journal" &
      ECHANTILLONNEUR=$!
      mesure=$(curl -s -m 7200 -o "$rapport" -w '%{http_code} %{time_total}' -X POST -T "$source_" \
        -H "Content-Type: $type" -H "Authorization: Bearer $JETON" "$API/api/v1/editions/$annee/imports" || echo "000 0")
      kill "$ECHANTILLONNEUR" 2>/dev/null || true
      wait "$ECHANTILLONNEUR" 2>/dev/null || true
      ECHANTILLONNEUR=''
      read -r code duree <<<"$mesure"
      if [ "$passe" = 1 ] && [ "$code" = 200 ]; then
        for t in "${autres[@]}"; do duree=$(awk -v a="$duree" -v b="$t" 'BEGIN { print (b < a ? b : a) }'); done
      fi
      hwm=$(memoire VmHWM)
      rss=$(memoire VmRSS)
      if [ "$code" != 200 ]; then
        # Recorded, not fatal: the other sizes and formats still say something. The run ends in failure.
        head -c 2000 "$rapport" >&2; echo >&2
        echo "  ÉCHEC : HTTP $code en $duree s (rapport : $rapport ; journal : $OUT/import-api.log)" >&2
        ECHECS=$((ECHECS + 1))
        LIGNES+=("$e|$f|$taille|$fiches|$nom|HTTP-$code|$duree|-|-|$hwm_avant|$hwm|$rss|$idle")
        PHASES+=("$e|$f|$nom|$duree|$(phases "$journal")")
        break  # no re-import of a file that was not imported
      fi
      statut=$(jq -r .status "$rapport")
      resume=$(jq -r '"dossiers \(.dossiers.created)/\(.dossiers.updated)/\(.dossiers.unchanged), fiches \(.fiches.created)/\(.fiches.updated)/\(.fiches.unchanged)"' "$rapport")
      echo "  $statut en $duree s : $resume (créés/modifiés/inchangés) ; VmHWM $hwm_avant → $hwm Mo, VmRSS $rss Mo, CPU inactif $idle %" >&2
      [ "$statut" = applique ] || echouer "statut $statut (rapport : $rapport)"
      # A re-import of the same file must change nothing.
      if [ "$passe" = 2 ] && [ "$(jq '.fiches.unchanged' "$rapport")" != "$fiches" ]; then echouer "le ré-import a modifié des fiches : $resume"; fi
      if [ "$passe" = 1 ] && [ "$(jq '.fiches.created' "$rapport")" != "$fiches" ]; then echouer "l'import n'a pas créé $fiches fiches : $resume"; fi
      debit=$(awk -v n="$fiches" -v s="$duree" 'BEGIN { printf "%.0f", n / s }')
      ratio=$(awk -v a="$debit" -v b="${COPIE_DEBIT[$e]}" 'BEGIN { printf "%.2f", a / b }')
      LIGNES+=("$e|$f|$taille|$fiches|$nom|$statut|$duree|$debit|$ratio|$hwm_avant|$hwm|$rss|$idle")
      PHASES+=("$e|$f|$nom|$duree|$(phases "$journal")")
    done
  done
done

# The CLI end to end, on the API still running: an asynchronous dry run (202, polling, report).
echo_etape "labels-import : essai à blanc asynchrone de $(basename "$(fichier 1 json)") dans l'édition 2022"
set +e
LABELS_EMAIL=$EMAIL LABELS_PASSWORD=$MOT_DE_PASSE cli --edition 2022 "$(fichier 1 json)" --url "$API" --dry-run --async \
  >"$OUT/import-cli.log" 2>&1
code_cli=$?
set -e
tail -8 "$OUT/import-cli.log" >&2
if [ "$code_cli" != 0 ]; then
  echo "  ÉCHEC : labels-import a fini avec le code $code_cli (journal : $OUT/import-cli.log)" >&2
  ECHECS=$((ECHECS + 1))
fi

# --- 4. Table ---------------------------------------------------------------------------------------
{
  echo "# import: $(date -u '+%Y-%m-%dT%H:%M:%SZ'), nproc $(nproc), CPU idle ${IDLE}% before, API $CONFIG, PostgreSQL $("${PSQL[@]}" -d postgres -Atc 'SHOW server_version'), seed $GRAINE"
  printf '%-6s %-5s %7s %10s %-10s %-9s %9s %9s %8s %13s %7s %5s\n' \
    scale fmt MB fiches run status seconds rows/s API/copy 'VmHWM MB' 'RSS MB' idle%
  for l in "${LIGNES[@]}"; do
    IFS='|' read -r e f taille fiches nom statut duree debit ratio hwm_avant hwm rss idle <<<"$l"
    memo=$([ "$hwm" = - ] && echo - || echo "$hwm_avant→$hwm")
    printf '%-6s %-5s %7s %10s %-10s %-9s %9.1f %9s %8s %13s %7s %5s\n' \
      "${e}x" "$f" "$taille" "$fiches" "$nom" "$statut" "$duree" "$debit" "$ratio" "$memo" "$rss" "$idle"
  done
  echo
  echo "# where the import's time goes, from pg_stat_activity sampled every ~0.5 s (seconds): read+COPY = the body is read, parsed,"
  echo "# checked line by line and streamed to the staging table; checks = cross-line SQL (unknown codes, duplicates); match = staging"
  echo "# tables, natural-key lookups and counts; write = INSERT/UPDATE of collectivites, candidatures, distinctions, fiches_actions, attaching the partition;"
  echo "# sql = other statements; in-tx = transaction open, no statement running; no-sql = nothing running in the database"
  printf '%-6s %-5s %-10s %9s %10s %7s %7s %7s %7s %7s %7s\n' scale fmt run seconds read+COPY checks match write sql in-tx no-sql
  for l in "${PHASES[@]}"; do
    IFS='|' read -r e f nom duree p <<<"$l"
    read -r copie verif prepa ecriture autre client rien <<<"$p"
    printf '%-6s %-5s %-10s %9.1f %10s %7s %7s %7s %7s %7s %7s\n' \
      "${e}x" "$f" "$nom" "$duree" "$copie" "$verif" "$prepa" "$ecriture" "$autre" "$client" "$rien"
  done
} | tee "$OUT/import.txt"
echo "(table in $OUT/import.txt; reports in $OUT/import-rapport-*.json; run time $((SECONDS - debut)) s)" >&2
[ "$ECHECS" = 0 ] || echouer "$ECHECS import(s) en échec (voir la table)"
