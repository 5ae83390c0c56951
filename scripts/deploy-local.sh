#!/usr/bin/env bash
# The production layout on one machine, without Docker: a PostgreSQL cluster (.pg/deploy), N API instances (2 by
# default) in Production, and nginx in front of them (TLS with a self-signed certificate, HTTP/2, load balancing, the
# public reads' cache). Everything it makes lives under .deploy/; README's « Production at scale » explains the layout.
#
#   scripts/deploy-local.sh start      # builds, starts, waits until https://localhost:8443/health/ready answers through nginx
#   scripts/deploy-local.sh stop       # stops nginx, the instances and the cluster
#   scripts/deploy-local.sh status
#   scripts/deploy-local.sh restart-api N    # starts instance N again (after a crash, or a kill by the ceremony test)
#
# LABELS_DEPLOY_INSTANCES (2), LABELS_DEPLOY_HTTPS_PORT (8443), LABELS_DEPLOY_HTTP_PORT (8080), LABELS_DEPLOY_API_PORT (5101:
# instance N listens on 5100+N), LABELS_PG_PORT_DEPLOY (55435), LABELS_DEPLOY_BASE (labels: the database's name),
# LABELS_DEMO (1: demo data on an empty database).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh

racine=$(pwd)
dossier="$racine/.deploy"
instances=${LABELS_DEPLOY_INSTANCES:-2}
port_https=${LABELS_DEPLOY_HTTPS_PORT:-8443}
port_http=${LABELS_DEPLOY_HTTP_PORT:-8080}
port_api=${LABELS_DEPLOY_API_PORT:-5101}
url="https://localhost:$port_https"
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

etape() { printf '== %s\n' "$*" >&2; }
echouer() { echo "ÉCHEC : $*" >&2; exit 1; }

port_instance() { echo $((port_api + $1 - 1)); }
pid_de() { [ -s "$dossier/run/$1.pid" ] && cat "$dossier/run/$1.pid"; }
en_marche() { local pid; pid=$(pid_de "$1") && kill -0 "$pid" 2>/dev/null; }

installer_nginx() {
  [ -x "$nginx_bin" ] && return 0
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || echouer "nginx absent : installez le paquet Debian nginx."
  etape "Installation de nginx (apt)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
}

certificat() {
  mkdir -p "$dossier/tls"
  [ -s "$dossier/tls/labels.crt" ] && return 0
  etape "Certificat auto-signé pour localhost ($dossier/tls)"
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" \
    -keyout "$dossier/tls/labels.key" -out "$dossier/tls/labels.crt" 2>/dev/null
  chmod 600 "$dossier/tls/labels.key"
}

# The connection string and the first administrator, the same for every instance.
environnement_commun() {
  labels_pg_demarrer deploy "${LABELS_PG_PORT_DEPLOY:-55435}"
  # The database of the running deployment, for an instance started again.
  local base=${LABELS_DEPLOY_BASE:-}
  [ -n "$base" ] || { [ -s "$dossier/run/base" ] && base=$(cat "$dossier/run/base"); } || base=labels
  echo "$base" > "$dossier/run/base"
  labels_pg_creer_base "$base"
  export ConnectionStrings__Labels="Host=127.0.0.1;Port=$LABELS_PG_PORT;Username=postgres;Database=$base"
  [ -s "$dossier/admin-password" ] || { { head -c 18 /dev/urandom | base64 | tr '+/' '-_'; echo -n 'Aa1'; } | tr -d '\n' > "$dossier/admin-password"; chmod 600 "$dossier/admin-password"; }
  export Bootstrap__AdminEmail=admin@labels.local
  Bootstrap__AdminPassword=$(cat "$dossier/admin-password")
  export Bootstrap__AdminPassword
}

demarrer_instance() {
  local n=$1 port; port=$(port_instance "$1")
  en_marche "api-$n" && return 0
  (
    export ASPNETCORE_ENVIRONMENT=Production
    # TLS ends at nginx, which alone reaches the instances: its headers are believed, and only from the loopback.
    export Securite__HttpsObligatoire=false Proxys__Connus=127.0.0.1,::1
    export Webhooks__UrlPublique="$url" Imports__Dossier="$dossier/imports"
    # Scraped on the instances themselves, from this machine; nginx answers 404 for /metrics, so its own address, listed
    # here, lets no outside client in.
    export Telemetrie__ReseauxAutorises=127.0.0.1/32
    cd "$dossier/api"
    exec nohup dotnet Labels.Api.dll --urls "http://127.0.0.1:$port" >>"$dossier/logs/api-$n.log" 2>&1
  ) &
  echo $! > "$dossier/run/api-$n.pid"
}

attendre() { # URL SECONDS
  local _
  for _ in $(seq 1 "$2"); do curl -ksf -o /dev/null "$1" && return 0; sleep 1; done
  return 1
}

rendre() { # TEMPLATE OUTPUT
  envsubst '${LABELS_NGINX_CONF} ${LABELS_PUBLIC_URL} ${LABELS_CACHE_DIR} ${LABELS_UPSTREAMS} ${LABELS_HTTP_PORT} ${LABELS_HTTPS_PORT} ${LABELS_TLS_DIR} ${LABELS_LOG_DIR} ${LABELS_NGINX_USER} ${LABELS_RUN_DIR} ${LABELS_NGINX_DIR}' <"$1" >"$2"
}

demarrer_nginx() {
  en_marche nginx && return 0
  # A fresh cache at each start: copies of another database (LABELS_DEPLOY_BASE), or with the headers of an earlier build
  # (a 304 renews a copy's freshness, not its headers), must not be served.
  rm -rf "$dossier/nginx/cache"
  mkdir -p "$dossier/nginx/cache"
  export LABELS_NGINX_CONF="$racine/deploy/nginx" LABELS_PUBLIC_URL=$url LABELS_CACHE_DIR="$dossier/nginx/cache" LABELS_HTTP_PORT=$port_http LABELS_HTTPS_PORT=$port_https \
    LABELS_TLS_DIR="$dossier/tls" LABELS_LOG_DIR="$dossier/logs" LABELS_RUN_DIR="$dossier/run" LABELS_NGINX_DIR="$dossier/nginx"
  LABELS_UPSTREAMS=''
  for n in $(seq 1 "$instances"); do
    # One failure takes an instance out for two seconds: the next requests go to the others meanwhile.
    LABELS_UPSTREAMS+="    server 127.0.0.1:$(port_instance "$n") max_fails=1 fail_timeout=2s;"$'\n'
  done
  export LABELS_UPSTREAMS
  # As root, workers would run as `nobody`, which may not reach the project's folder.
  LABELS_NGINX_USER=''; [ "$(id -u)" = 0 ] && LABELS_NGINX_USER='user root;'
  export LABELS_NGINX_USER
  rendre deploy/nginx/labels.conf.template "$dossier/nginx/labels.conf"
  rendre deploy/nginx/nginx.conf.template "$dossier/nginx/nginx.conf"
  "$nginx_bin" -t -q -c "$dossier/nginx/nginx.conf" -e "$dossier/logs/nginx-error.log" || echouer "configuration nginx refusée"
  "$nginx_bin" -c "$dossier/nginx/nginx.conf" -e "$dossier/logs/nginx-error.log"
}

demarrer() {
  installer_nginx
  mkdir -p "$dossier"/{run,logs,imports}
  certificat
  environnement_commun
  etape "Publication de l'API (Release) dans $dossier/api"
  dotnet publish src/Labels.Api -c Release -o "$dossier/api" -nologo >"$dossier/logs/publish.log" 2>&1 \
    || { tail -20 "$dossier/logs/publish.log" >&2; echouer "dotnet publish (journal : $dossier/logs/publish.log)"; }
  # The first instance applies the migrations and creates the administrator before the others start.
  etape "Instances de l'API (ports $(port_instance 1)–$(port_instance "$instances"))"
  demarrer_instance 1
  attendre "http://127.0.0.1:$(port_instance 1)/health/ready" 120 || { tail -20 "$dossier/logs/api-1.log" >&2; echouer "l'instance 1 ne répond pas"; }
  for n in $(seq 2 "$instances"); do demarrer_instance "$n"; done
  for n in $(seq 2 "$instances"); do
    attendre "http://127.0.0.1:$(port_instance "$n")/health/ready" 120 || { tail -20 "$dossier/logs/api-$n.log" >&2; echouer "l'instance $n ne répond pas"; }
  done
  etape "nginx (https $port_https, http $port_http)"
  demarrer_nginx
  attendre "$url/health/ready" 30 || echouer "nginx ne répond pas (journal : $dossier/logs/nginx-error.log)"
  if [ "${LABELS_DEMO:-1}" != 0 ]; then
    # Straight to the first instance: the loading tool would have to be told of the self-signed certificate.
    scripts/demo.sh "http://127.0.0.1:$(port_instance 1)" "$Bootstrap__AdminEmail" "$Bootstrap__AdminPassword" \
      || echo "Données de démonstration non chargées (voir ci-dessus)." >&2
  fi
  echo "Déploiement local prêt : $url (certificat : $dossier/tls/labels.crt ; curl --cacert, ou -k)."
  echo "Administrateur : $Bootstrap__AdminEmail / mot de passe dans $dossier/admin-password. Journaux : $dossier/logs. Arrêt : $0 stop"
}

arreter() {
  if en_marche nginx; then etape "nginx"; "$nginx_bin" -c "$dossier/nginx/nginx.conf" -e "$dossier/logs/nginx-error.log" -s quit || true; fi
  local n pid
  for fichier in "$dossier"/run/api-*.pid; do
    [ -e "$fichier" ] || continue
    n=$(basename "$fichier" .pid)
    if en_marche "$n"; then etape "$n"; pid=$(pid_de "$n"); kill "$pid"; fi
    for _ in $(seq 1 30); do en_marche "$n" || break; sleep 0.5; done
    rm -f "$fichier"
  done
  if labels_pg_en_marche deploy; then etape "PostgreSQL (cluster deploy)"; labels_pg_arreter deploy; fi
  rm -f "$dossier/run/base"
  echo "Déploiement local arrêté."
}

etat() {
  local n
  for n in nginx $(seq -f 'api-%g' 1 "$instances"); do
    if en_marche "$n"; then echo "$n : en marche (pid $(pid_de "$n"))"; else echo "$n : arrêté"; fi
  done
  if labels_pg_en_marche deploy; then echo "PostgreSQL : en marche"; else echo "PostgreSQL : arrêté"; fi
}

case "${1:-}" in
  start) demarrer ;;
  stop) arreter ;;
  status) etat ;;
  restart-api)
    [[ "${2:-}" =~ ^[0-9]+$ ]] || echouer "usage : $0 restart-api N"
    environnement_commun
    demarrer_instance "$2"
    attendre "http://127.0.0.1:$(port_instance "$2")/health/ready" 120 || echouer "l'instance $2 ne répond pas" ;;
  *) echo "usage : $0 start|stop|status|restart-api N" >&2; exit 2 ;;
esac
