#!/usr/bin/env bash
# Benchmark of the public palmarès route (GET /api/v1/editions/{annee}/palmares), side by side with
# nginx serving the very same bytes from files: nginx is the practical ceiling for "send these bytes",
# so the ratio API/nginx tells how much the API adds on top of it. A third server, Kestrel alone
# (bench/kestrel: the same bytes and headers from memory, with the API's runtime settings and socket
# blocks), is the floor of any ASP.NET Core server here: the ratio Kestrel/nginx tells how much of the
# gap is the server framework's rather than the API's. A fourth, nginx's cache in front of the API (the directives of
# deploy/nginx/cache-publique.conf, as the deployment uses them), is what readers get in production: the ratio cache/nginx
# tells what the cache's lookup costs beside sending a file.
#
# Usage: bench/palmares.sh        (as root on Debian; see bench/README.md)
#   LABELS_BENCH_CONFIG  build configuration of the API (default Release)
#   LABELS_BENCH_DUREE   seconds measured per scenario and target (default 10)
#   LABELS_BENCH_CHAUFFE seconds of warm-up per scenario and target (default 3)
#   LABELS_BENCH_CHAUFFE_API seconds of load per scenario on the API once before any measure (default 6): the JIT
#                        recompiles hot code in tiers during the first seconds of load, a server runs past that
#   LABELS_BENCH_ESSAIS  measures per scenario and target, interleaved; the best of each is kept (default 2)
#   LABELS_BENCH_PUBLIER=0  reuse bench/out/api as it is (e.g. while src/ is mid-edit)
set -euo pipefail
shopt -s inherit_errexit  # so that a failing command inside $(…) stops the script too
cd "$(dirname "$0")/.."
source scripts/pg.sh
source bench/commun.sh

CONFIG=${LABELS_BENCH_CONFIG:-Release}
DUREE=${LABELS_BENCH_DUREE:-10}
CHAUFFE=${LABELS_BENCH_CHAUFFE:-3}
CHAUFFE_API=${LABELS_BENCH_CHAUFFE_API:-6}
ESSAIS=${LABELS_BENCH_ESSAIS:-2}
WRK_OPTIONS=(-t2 -c64 "-d${DUREE}s" --latency)
OUT=$LABELS_RACINE/bench/out
API=http://127.0.0.1:5090
NGINX=http://127.0.0.1:5091
KESTREL=http://127.0.0.1:5093
CACHE=http://127.0.0.1:5094
debut=$SECONDS

# --- 1. Tools ---------------------------------------------------------------------------------------
manquants=()
command -v wrk >/dev/null 2>&1 || manquants+=(wrk)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || manquants+=(nginx)
command -v curl >/dev/null 2>&1 || manquants+=(curl)
if [ "${#manquants[@]}" -gt 0 ]; then
  [ "$(id -u)" = 0 ] || echouer "il manque ${manquants[*]} ; relancez en root ou installez-les."
  echo_etape "Installation de ${manquants[*]}"
  apt-get update -qq
  paquets=("${manquants[@]/nginx/nginx-light}")
  # nginx-light is the smallest build with the static module; newer Debian releases only ship `nginx`.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${paquets[@]}" >/dev/null \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${manquants[@]}" >/dev/null
fi
NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)

# Ports are fixed (the figures are compared run to run): refuse to start on someone else's server.
for port in 5090 5091 5093 5094; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echouer "le port 127.0.0.1:$port est déjà pris."; fi
done

mkdir -p "$OUT"
rm -rf "$OUT/www" "$OUT/nginx"
mkdir -p "$OUT/www" "$OUT/nginx"

# --- Clean-up: whatever was started is stopped, even after a failure --------------------------------
API_PID='' NGINX_PID='' KESTREL_PID=''
bench_a_la_sortie API_PID NGINX_PID KESTREL_PID

# --- 2. Database and API ----------------------------------------------------------------------------
bench_base bench 55434 labels_bench
PG_PID=$(head -1 "$PG_DATA/postmaster.pid")
bench_publier "$OUT/api" "$OUT/publish.log"
if [ "${LABELS_BENCH_PUBLIER:-1}" = 0 ] && [ -f "$OUT/kestrel/Labels.Bench.Kestrel.dll" ]; then
  echo_etape "Kestrel seul déjà publié dans $OUT/kestrel (LABELS_BENCH_PUBLIER=0)"
else
  echo_etape "Publication de Kestrel seul (bench/kestrel, $CONFIG)"
  dotnet publish bench/kestrel -c "$CONFIG" -p:Optimize=true -o "$OUT/kestrel" -nologo >"$OUT/publish-kestrel.log" 2>&1 \
    || { tail -30 "$OUT/publish-kestrel.log" >&2; echouer "dotnet publish de bench/kestrel (journal : $OUT/publish-kestrel.log)"; }
fi

echo_etape "Démarrage de l'API sur $API"
# Production settings, except two that would measure something else: the per-client limit on public
# reads (wrk is one client: it would time 429s) and the HTTPS redirection (plain HTTP on loopback,
# as behind a reverse proxy terminating TLS).
MOT_DE_PASSE="Bench$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | cut -c1-16)a9Z"
ConnectionStrings__Labels="Host=127.0.0.1;Port=$LABELS_PG_PORT;Username=postgres;Database=labels_bench" \
Bootstrap__AdminEmail=bench@labels.local \
Bootstrap__AdminPassword="$MOT_DE_PASSE" \
ASPNETCORE_ENVIRONMENT=Production \
Logging__LogLevel__Default=Warning \
LimitesDeDebit__LecturePublique=0 \
Securite__HttpsObligatoire=false \
  dotnet "$OUT/api/Labels.Api.dll" --urls "$API" >"$OUT/api.log" 2>&1 &
API_PID=$!
# Start-up applies the migrations and loads the COG (~10 s): wait for readiness, at most 120 s.
pret=''
for _ in $(seq 240); do
  kill -0 "$API_PID" 2>/dev/null || { tail -30 "$OUT/api.log" >&2; echouer "l'API s'est arrêtée (journal : $OUT/api.log)"; }
  [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "$API/health/ready" || true)" = 200 ] && { pret=1; break; }
  sleep 0.5
done
[ -n "$pret" ] || echouer "l'API n'est pas prête après 120 s (journal : $OUT/api.log)"

# --- 3. Data: two archived éditions, 254 and 5,000 laureates ----------------------------------------
echo_etape "Données : éditions 2021 (254 lauréats) et 2022 (5 000 lauréats)"
# appeler MÉTHODE CHEMIN CORPS STATUT_ATTENDU — prints the body; fails on any other status.
appeler() {
  local reponse statut
  reponse=$(curl -s -m 60 -w '\n%{http_code}' -X "$1" "$API$2" -H 'Content-Type: application/json' \
    ${JETON:+-H "Authorization: Bearer $JETON"} --data "$3")
  statut=${reponse##*$'\n'}
  [ "$statut" = "$4" ] || echouer "$1 $2 a répondu $statut au lieu de $4 : ${reponse%$'\n'*}"
  printf '%s' "${reponse%$'\n'*}"
}
JETON=''
JETON=$(appeler POST /api/v1/auth/login "{\"email\":\"bench@labels.local\",\"password\":\"$MOT_DE_PASSE\"}" 200 \
  | sed -n 's/.*"accessToken" *: *"\([^"]*\)".*/\1/p')
[ -n "$JETON" ] || echouer "pas de accessToken dans la réponse de /auth/login"
appeler POST /api/v1/editions '{"annee":2021,"numero":22,"historique":true}' 201 >/dev/null
appeler POST /api/v1/editions '{"annee":2022,"numero":23,"historique":true}' 201 >/dev/null

# Archived éditions have no candidature workflow (they are imported): write the dossiers straight in
# the tables, as an import would, from the COG communes. Every k-th commune by code spreads the
# laureates over every département; the two sets overlap a little, as real palmarès do.
"${PSQL[@]}" -d labels_bench <<'SQL'
BEGIN;
CREATE TEMP TABLE choix (annee int, code_insee text, i int);
INSERT INTO choix
SELECT e.annee, c.code_insee, c.i
FROM (VALUES (2021, 254), (2022, 5000)) AS e(annee, nombre)
CROSS JOIN LATERAL (
  SELECT code_insee, row_number() OVER (ORDER BY code_insee) AS i
  FROM (SELECT code_insee, row_number() OVER (ORDER BY code_insee) AS rn, count(*) OVER () AS n FROM cog_communes) t
  WHERE rn % (n / e.nombre) = 0
  ORDER BY code_insee
  LIMIT e.nombre
) c;

INSERT INTO collectivites (id, type, code_insee, siren, nom, categorie, departement, region, population, created_at)
SELECT gen_random_uuid(), 'Commune', c.code_insee, c.siren, c.nom,
       CASE WHEN coalesce(c.population, 0) < 3000 THEN 'Village' ELSE 'Ville' END,
       c.departement, c.region, coalesce(c.population, 0), now()
FROM cog_communes c
WHERE c.code_insee IN (SELECT code_insee FROM choix);

INSERT INTO candidatures (id, edition_annee, collectivite_id, statut, created_at, deposee_le)
SELECT gen_random_uuid(), ch.annee, col.id, 'Deposee', now(), now()
FROM choix ch JOIN collectivites col USING (code_insee);

-- Arobases 1 to 5 in turn; one laureate in nine gets a mention.
INSERT INTO distinctions (id, candidature_id, edition_annee, collectivite_id, arobases, mentions, updated_at)
SELECT gen_random_uuid(), ca.id, ca.edition_annee, ca.collectivite_id, 1 + ch.i % 5,
       CASE WHEN ch.i % 9 = 0 THEN '{arobase-verte}'::text[] ELSE '{}'::text[] END, now()
FROM candidatures ca
JOIN collectivites col ON col.id = ca.collectivite_id
JOIN choix ch ON ch.code_insee = col.code_insee AND ch.annee = ca.edition_annee;
COMMIT;
SQL
for annee in 2021 2022; do
  nombre=$("${PSQL[@]}" -d labels_bench -Atc "SELECT count(*) FROM distinctions WHERE edition_annee = $annee")
  echo "  $annee : $nombre distinctions" >&2
done
# Publication freezes the palmarès; an édition is published only after every earlier one.
appeler POST /api/v1/editions/2021/publication '{}' 201 >/dev/null
appeler POST /api/v1/editions/2022/publication '{}' 201 >/dev/null

# The filtered scenario uses the département with the most laureates of the édition.
departement_de() {
  "${PSQL[@]}" -d labels_bench -Atc "SELECT col.departement FROM distinctions d JOIN collectivites col ON col.id = d.collectivite_id
    WHERE d.edition_annee = $1 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
}
DEP_2021=$(departement_de 2021)
DEP_2022=$(departement_de 2022)

# --- 4. Scenarios: the API's bytes become nginx's files ---------------------------------------------
# nom|chemin (same on both targets)|fichier served by nginx|mode: '' = 200, 304 = revalidation of that file with its
# ETag, gzip = 200 asked with Accept-Encoding: gzip (nginx sends fichier.gz, the API's own gzip bytes, by gzip_static).
# The plain rows come first (the bytes as served to a client that asks for no coding); portals and browsers ask for gzip.
SCENARIOS=(
  "254 full|/api/v1/editions/2021/palmares|2021.json|"
  "254 filtered (dep $DEP_2021)|/api/v1/editions/2021/palmares?departement=$DEP_2021|2021-dep.json|"
  "254 full 304|/api/v1/editions/2021/palmares|2021.json|304"
  "5000 full|/api/v1/editions/2022/palmares|2022.json|"
  "5000 filtered (dep $DEP_2022)|/api/v1/editions/2022/palmares?departement=$DEP_2022|2022-dep.json|"
  "5000 full 304|/api/v1/editions/2022/palmares|2022.json|304"
  "254 full gzip|/api/v1/editions/2021/palmares|2021.json|gzip"
  "5000 filtered gzip|/api/v1/editions/2022/palmares?departement=$DEP_2022|2022-dep.json|gzip"
  "5000 full gzip|/api/v1/editions/2022/palmares|2022.json|gzip"
)
GZIP='Accept-Encoding: gzip'
declare -A ETAG_API ETAG_NGINX
map_nginx=''
: >"$OUT/www/carte.tsv"  # the same URI → file map for Kestrel alone
for s in "${SCENARIOS[@]}"; do
  IFS='|' read -r nom chemin fichier cond <<<"$s"
  if [ "$cond" = gzip ]; then
    statut=$(curl -s -m 30 -H "$GZIP" -D "$OUT/www/$fichier.gz.entetes" -o "$OUT/www/$fichier.gz" -w '%{http_code}' "$API$chemin")
    [ "$statut" = 200 ] || echouer "GET $chemin (gzip) a répondu $statut"
    grep -qi '^content-encoding: gzip' "$OUT/www/$fichier.gz.entetes" || echouer "GET $chemin avec $GZIP : réponse non compressée"
    continue
  fi
  [ -z "$cond" ] || continue
  statut=$(curl -s -m 30 -D "$OUT/www/$fichier.entetes" -o "$OUT/www/$fichier" -w '%{http_code}' "$API$chemin")
  [ "$statut" = 200 ] || echouer "GET $chemin a répondu $statut"
  ETAG_API[$fichier]=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r$/\1/p' "$OUT/www/$fichier.entetes")
  [ -n "${ETAG_API[$fichier]}" ] || echouer "pas d'ETag pour $chemin"
  map_nginx+="    \"$chemin\" /$fichier;"$'\n'
  printf '%s\t%s\n' "$chemin" "$fichier" >>"$OUT/www/carte.tsv"
done

# nginx: same URLs, answered from the saved files through a map on the request URI.
utilisateur=''
if [ "$(id -u)" = 0 ]; then utilisateur='user root;'; fi  # workers must read bench/out, which `nobody` may not reach
cat >"$OUT/nginx.conf" <<EOF
# Generated by bench/palmares.sh.
$utilisateur
daemon off;
worker_processes 2;
pid $OUT/nginx.pid;
error_log $OUT/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  types { }
  default_type application/json;
  etag on;
  gzip_static on;               # with Accept-Encoding: gzip, fichier.gz (the API's gzip bytes) instead of fichier
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;   # like Kestrel: no per-connection request cap
  open_file_cache max=16;
  client_body_temp_path $OUT/nginx/client_body;
  proxy_temp_path $OUT/nginx/proxy;
  fastcgi_temp_path $OUT/nginx/fastcgi;
  uwsgi_temp_path $OUT/nginx/uwsgi;
  scgi_temp_path $OUT/nginx/scgi;
  map \$request_uri \$fichier {
    default "";
$map_nginx  }
  server {
    listen 127.0.0.1:5091;
    root $OUT/www;
    location / { try_files \$fichier =404; }
  }
  # The deployment's cache in front of the API (deploy/nginx/cache-publique.conf, included as it is).
  proxy_cache_path $OUT/nginx/cache levels=1:2 keys_zone=labels_public:16m max_size=1g inactive=1d use_temp_path=off;
  map \$http_authorization \$labels_signe { "" 0; default 1; }
  upstream labels_api { server 127.0.0.1:5090; keepalive 64; }
  server {
    listen 127.0.0.1:5094;
    location / {
      proxy_pass http://labels_api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      include $LABELS_RACINE/deploy/nginx/cache-publique.conf;
    }
  }
}
EOF
"$NGINX_BIN" -t -q -c "$OUT/nginx.conf" -p "$OUT/nginx/" -e "$OUT/nginx/error.log" \
  || echouer "configuration nginx refusée ($OUT/nginx.conf)"
"$NGINX_BIN" -c "$OUT/nginx.conf" -p "$OUT/nginx/" -e "$OUT/nginx/error.log" &
NGINX_PID=$!
pret=''
for _ in $(seq 50); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "$NGINX/api/v1/editions/2021/palmares" || true)" = 200 ] && { pret=1; break; }
  sleep 0.2
done
[ -n "$pret" ] || echouer "nginx ne répond pas (journal : $OUT/nginx/error.log)"

echo_etape "Démarrage de Kestrel seul sur $KESTREL"
dotnet "$OUT/kestrel/Labels.Bench.Kestrel.dll" "$OUT/www" "$OUT/www/carte.tsv" --urls "$KESTREL" >"$OUT/kestrel.log" 2>&1 &
KESTREL_PID=$!
pret=''
for _ in $(seq 100); do
  kill -0 "$KESTREL_PID" 2>/dev/null || { tail -30 "$OUT/kestrel.log" >&2; echouer "Kestrel seul s'est arrêté (journal : $OUT/kestrel.log)"; }
  [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 "$KESTREL/api/v1/editions/2021/palmares" || true)" = 200 ] && { pret=1; break; }
  sleep 0.2
done
[ -n "$pret" ] || echouer "Kestrel seul ne répond pas (journal : $OUT/kestrel.log)"

# Every target must answer the same bytes (or a 304) before anything is measured.
for s in "${SCENARIOS[@]}"; do
  IFS='|' read -r nom chemin fichier cond <<<"$s"
  if [ -z "$cond" ]; then
    for cible in "$NGINX" "$KESTREL" "$CACHE"; do
      curl -s -m 30 -o "$OUT/nginx/verif" -D "$OUT/nginx/verif.entetes" "$cible$chemin"
      cmp -s "$OUT/nginx/verif" "$OUT/www/$fichier" || echouer "$cible ne sert pas les octets de l'API pour $chemin"
    done
    ETAG_NGINX[$fichier]=$(curl -s -m 30 -o /dev/null -D - "$NGINX$chemin" | sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r$/\1/p')
  elif [ "$cond" = gzip ]; then
    for cible in "$NGINX" "$KESTREL" "$CACHE"; do
      curl -s -m 30 -H "$GZIP" -o "$OUT/nginx/verif" "$cible$chemin"
      cmp -s "$OUT/nginx/verif" "$OUT/www/$fichier.gz" || echouer "$cible ne sert pas les octets gzip de l'API pour $chemin"
    done
  else
    # Kestrel alone answers with the API's own headers, its ETag among them.
    for cible in "$API|${ETAG_API[$fichier]}" "$KESTREL|${ETAG_API[$fichier]}" "$NGINX|${ETAG_NGINX[$fichier]}" "$CACHE|${ETAG_API[$fichier]}"; do
      statut=$(curl -s -m 30 -o /dev/null -w '%{http_code}' -H "If-None-Match: ${cible#*|}" "${cible%%|*}$chemin")
      [ "$statut" = 304 ] || echouer "${cible%%|*}$chemin avec If-None-Match a répondu $statut au lieu de 304"
    done
  fi
done

# --- 5. Measures ------------------------------------------------------------------------------------
# wrk prints latencies as 812.00us, 1.23ms or 1.05s: convert to milliseconds.
en_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0;
    else if (v ~ /m$/) printf "%.0f", v * 60000; else if (v ~ /s$/) printf "%.2f", v * 1000; else print "?" }'
}
# CPU ticks of the whole machine (total, busy) and of the processes of this benchmark: what is left
# over during a measure is another load (a build, a test run), which would skew the figures.
ticks_machine() { awk 'NR == 1 { for (i = 2; i <= NF; i++) t += $i; print t, t - $5 - $6 }' /proc/stat; }
ticks_nos_processus() {  # $1: the shell that runs wrk
  local pid total=0
  for pid in "$API_PID" "$KESTREL_PID" "$NGINX_PID" $(pgrep -P "$NGINX_PID") "$PG_PID" $(pgrep -P "$PG_PID"); do
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  # wrk, once waited for, counts in that shell's children's times.
  echo $((total + $(awk '{ print $16 + $17 }' "/proc/$1/stat")))
}

# CPU ticks (user + system, kernel work on its sockets included) of the server that URL $1 reaches.
ticks_serveur() {
  local pid total=0 pids
  case $1 in
    "$API"*) pids=("$API_PID") ;;
    "$KESTREL"*) pids=("$KESTREL_PID") ;;
    # The cache's work is nginx's; the API's revalidations (one every max-age per representation) are left out.
    *) pids=($(pgrep -P "$NGINX_PID")) ;;
  esac
  for pid in "${pids[@]}"; do total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  echo "$total"
}

# mesurer URL [EN-TÊTE] — warm-up, then the measure; prints "req/s p50 p99 server-CPU-µs-per-request other-load-%"
# (p in ms). The server's CPU time per request is the cost of an answer itself, whatever else slows the machine down.
mesurer() {
  local url=$1 entete=() sortie rps p50 p99 requetes total1 occupe1 nous1 serveur1 total2 occupe2 nous2 serveur2 moi=$BASHPID
  [ -z "${2:-}" ] || entete=(-H "$2")
  wrk -t2 -c64 "-d${CHAUFFE}s" "${entete[@]}" "$url" >/dev/null
  read -r total1 occupe1 <<<"$(ticks_machine)"; nous1=$(ticks_nos_processus "$moi"); serveur1=$(ticks_serveur "$url")
  sortie=$(wrk "${WRK_OPTIONS[@]}" "${entete[@]}" "$url")
  read -r total2 occupe2 <<<"$(ticks_machine)"; nous2=$(ticks_nos_processus "$moi"); serveur2=$(ticks_serveur "$url")
  printf '%s\n' "$sortie" >>"$OUT/wrk.log"
  kill -0 "$API_PID" 2>/dev/null || echouer "l'API s'est arrêtée pendant la mesure de $url (journal : $OUT/api.log)"
  # A fast 404 or reset would look like a good figure: any error or unexpected status fails the run.
  if grep -qE 'Non-2xx or 3xx|Socket errors' <<<"$sortie"; then
    printf '%s\n' "$sortie" >&2; echouer "erreurs pendant la mesure de $url"
  fi
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$sortie")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$sortie")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$sortie")
  requetes=$(awk '/ requests in / { print $1 }' <<<"$sortie")
  [ -n "$rps" ] && [ -n "$p50" ] && [ -n "$p99" ] && [ "${requetes:-0}" -gt 0 ] \
    || { printf '%s\n' "$sortie" >&2; echouer "sortie de wrk illisible pour $url"; }
  # Ticks are hundredths of a second: 10,000 µs each.
  echo "$rps $(en_ms "$p50") $(en_ms "$p99") $(( (serveur2 - serveur1) * 10000 / requetes )) $(( 100 * ((occupe2 - occupe1) - (nous2 - nous1)) / (total2 - total1) ))"
}

# mesurer_au_calme URL [EN-TÊTE] — as mesurer, again (3 tries at most) while another load skews it.
mesurer_au_calme() {
  local essai mesure
  for essai in 1 2 3; do
    mesure=$(mesurer "$@")
    [ "${mesure##* }" -gt 10 ] || break
    echo "  another load took ${mesure##* }% of the CPUs during try $essai on $1" >&2
    [ "$essai" = 3 ] || sleep 10
  done
  echo "$mesure"
}

# The figures only mean something on an idle machine (a concurrent build or test run halves them):
# record how idle the CPUs were just before measuring, and warn when they were not.
inactivite() {
  local avant apres
  avant=$(head -1 /proc/stat); sleep 2; apres=$(head -1 /proc/stat)
  # "cpu user nice system idle …" in ticks: the idle share of the ticks elapsed between the two reads.
  awk -v a="$avant" -v b="$apres" 'BEGIN { n = split(a, x); split(b, y)
    for (i = 2; i <= n; i++) t += y[i] - x[i]; printf "%.0f", 100 * (y[5] - x[5]) / t }'
}
# Wait up to ~2 minutes for another load (a build, a test run) to end, then measure anyway.
for _ in $(seq 60); do
  IDLE=$(inactivite)
  [ "$IDLE" -lt 90 ] || break
done
[ "$IDLE" -ge 90 ] || echo "ATTENTION : CPU inactive à ${IDLE} % seulement avant les mesures ; chiffres faussés par une autre charge." >&2

: >"$OUT/wrk.log"
entete_table="# palmarès: $(date -u '+%Y-%m-%dT%H:%M:%SZ'), nproc $(nproc), CPU idle ${IDLE}% before, wrk ${WRK_OPTIONS[*]} (warm-up ${CHAUFFE}s each, API and Kestrel ${CHAUFFE_API}s per scenario first; best of ${ESSAIS}), API $CONFIG vs Kestrel alone vs nginx $("$NGINX_BIN" -v 2>&1 | sed 's|.*/||') static vs the same nginx's cache in front of the API"
AUTRE_MAX=0
format='%-26s | %9s | %7s | %7s | %7s | %9s | %7s | %11s | %9s | %9s | %9s | %11s | %9s | %9s | %6s | %6s | %6s | %6s\n'
lignes=$(printf "$format" scenario 'API req/s' 'API p50' 'API p99' 'API CPU' 'Kes req/s' 'Kes CPU' 'nginx req/s' 'nginx p50' 'nginx p99' 'nginx CPU' \
  'cache req/s' 'cache p50' 'cache CPU' ratio ratio ratio ratio)
lignes+=$'\n'$(printf "$format" '' '' ms ms us/req '' us/req '' ms ms us/req '' ms us/req API/ng Kes/ng API/Kes cach/ng)
# The API and Kestrel alone once through every scenario: past the JIT's tiered recompilation, as a server in service is.
echo_etape "Chauffe de l'API et de Kestrel seul : ${CHAUFFE_API} s par scénario"
for s in "${SCENARIOS[@]}"; do
  IFS='|' read -r nom chemin fichier cond <<<"$s"
  entete=()
  [ "$cond" != 304 ] || entete=(-H "If-None-Match: ${ETAG_API[$fichier]}")
  [ "$cond" != gzip ] || entete=(-H "$GZIP")
  for cible in "$API" "$KESTREL"; do wrk -t2 -c64 "-d${CHAUFFE_API}s" "${entete[@]}" "$cible$chemin" >/dev/null; done
done
# meilleure MESURE_A MESURE_B — the one with more requests per second.
meilleure() { if [ -z "$1" ] || [ "${2%% *}" -gt "${1%% *}" ]; then echo "$2"; else echo "$1"; fi; }

for s in "${SCENARIOS[@]}"; do
  IFS='|' read -r nom chemin fichier cond <<<"$s"
  echo_etape "Mesure : $nom"
  entete_api='' entete_nginx=''
  if [ "$cond" = 304 ]; then entete_api="If-None-Match: ${ETAG_API[$fichier]}" entete_nginx="If-None-Match: ${ETAG_NGINX[$fichier]}"; fi
  if [ "$cond" = gzip ]; then entete_api=$GZIP entete_nginx=$GZIP; fi
  # Tries interleaved, so that a passing load on a shared machine weighs on every target alike.
  # Kestrel alone answers with the API's headers (its ETag too): it gets the API's request.
  # The cache holds the API's answer (its ETag too): it gets the API's request.
  m_api='' m_kestrel='' m_nginx='' m_cache=''
  for _ in $(seq "$ESSAIS"); do
    m_api=$(meilleure "$m_api" "$(mesurer_au_calme "$API$chemin" "$entete_api")")
    m_kestrel=$(meilleure "$m_kestrel" "$(mesurer_au_calme "$KESTREL$chemin" "$entete_api")")
    m_nginx=$(meilleure "$m_nginx" "$(mesurer_au_calme "$NGINX$chemin" "$entete_nginx")")
    m_cache=$(meilleure "$m_cache" "$(mesurer_au_calme "$CACHE$chemin" "$entete_api")")
  done
  read -r a_rps a_p50 a_p99 a_cpu a_autre <<<"$m_api"
  read -r k_rps _ _ k_cpu k_autre <<<"$m_kestrel"
  read -r n_rps n_p50 n_p99 n_cpu n_autre <<<"$m_nginx"
  read -r c_rps c_p50 _ c_cpu c_autre <<<"$m_cache"
  echo "  API $a_rps req/s ($a_cpu µs of CPU each), Kestrel alone $k_rps req/s ($k_cpu µs), nginx $n_rps req/s ($n_cpu µs), nginx's cache $c_rps req/s ($c_cpu µs); other load on the CPUs: ${a_autre}% / ${k_autre}% / ${n_autre}% / ${c_autre}%" >&2
  ratio=$(awk -v a="$a_rps" -v n="$n_rps" 'BEGIN { printf "%.2f", a / n }')
  ratio_kestrel=$(awk -v a="$k_rps" -v n="$n_rps" 'BEGIN { printf "%.2f", a / n }')
  ratio_api_kestrel=$(awk -v a="$a_rps" -v n="$k_rps" 'BEGIN { printf "%.2f", a / n }')
  ratio_cache=$(awk -v a="$c_rps" -v n="$n_rps" 'BEGIN { printf "%.2f", a / n }')
  # Another load over 10 % of the CPUs during any of the measures: mark the row.
  for autre in "$a_autre" "$k_autre" "$n_autre" "$c_autre"; do
    if [ "$autre" -gt "$AUTRE_MAX" ]; then AUTRE_MAX=$autre; fi
    if [ "$autre" -gt 10 ] && [[ $nom != *' !' ]]; then nom="$nom !"; fi
  done
  lignes+=$'\n'$(printf "$format" "$nom" "$a_rps" "$a_p50" "$a_p99" "$a_cpu" "$k_rps" "$k_cpu" "$n_rps" "$n_p50" "$n_p99" "$n_cpu" \
    "$c_rps" "$c_p50" "$c_cpu" "$ratio" "$ratio_kestrel" "$ratio_api_kestrel" "$ratio_cache")
done

tailles="# response bytes: 254 full $(stat -c %s "$OUT/www/2021.json"), 254 filtered $(stat -c %s "$OUT/www/2021-dep.json"), 5000 full $(stat -c %s "$OUT/www/2022.json"), 5000 filtered $(stat -c %s "$OUT/www/2022-dep.json"); gzip: 254 full $(stat -c %s "$OUT/www/2021.json.gz"), 5000 filtered $(stat -c %s "$OUT/www/2022-dep.json.gz"), 5000 full $(stat -c %s "$OUT/www/2022.json.gz")"
{
  echo "$entete_table"
  echo "$lignes"
  echo "$tailles"
  echo "# other load on the CPUs during the measures: at most ${AUTRE_MAX}%$([ "$AUTRE_MAX" -le 10 ] || echo ' (rows marked ! are skewed)')"
} | tee "$OUT/palmares.txt"
echo "(total $((SECONDS - debut)) s ; table in $OUT/palmares.txt, raw wrk output in $OUT/wrk.log)" >&2
