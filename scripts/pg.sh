# Sourced by scripts/api.sh and scripts/test.sh: a project-local PostgreSQL cluster, started on demand
# from the machine's PostgreSQL binaries. PostgreSQL refuses to run as root, so as root the cluster
# belongs to the `postgres` user.

LABELS_RACINE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

labels_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(readlink -f "$(command -v initdb)")"; return 0; }
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "PostgreSQL absent : installation du paquet Debian postgresql-15…" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2 \
      && { echo /usr/lib/postgresql/15/bin; return 0; }
  fi
  echo "PostgreSQL introuvable : installez postgresql-15 ou renseignez la chaîne de connexion." >&2
  return 1
}

# As root, commands run as `postgres`; otherwise as the current user.
labels_pg_exec() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# labels_pg_base — the folder of the project's clusters.
labels_pg_base() {
  local base="$LABELS_RACINE/.pg"
  mkdir -p "$base"
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$base"; then
    # The project folder is not reachable by `postgres` (e.g. under /root): keep the cluster in /tmp.
    base="/tmp/labels-pg-$(echo "$LABELS_RACINE" | md5sum | cut -c1-8)"
    mkdir -p "$base"
  fi
  echo "$base"
}

# labels_pg_demarrer NOM PORT [options du serveur…] — starts (or reuses) the cluster NOM on 127.0.0.1:PORT. Sets
# LABELS_PG_BIN, LABELS_PG_PORT, and LABELS_PG_DEMARRE: 1 when this call started it, 0 when it was already running (then
# whoever started it decides when it stops).
labels_pg_demarrer() {
  local nom=$1 port=$2; shift 2
  local bin; bin=$(labels_pg_bin) || return 1
  local base; base=$(labels_pg_base)
  local data="$base/$nom"
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres: "$data" "$base"
    chmod 700 "$data"
    labels_pg_exec "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if labels_pg_exec "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    port=$(sed -n 4p "$data/postmaster.pid")  # already running: keep its port
    LABELS_PG_DEMARRE=0
  else
    # Another server (say, another checkout's) may hold the port: take the next free one.
    local essais=0
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
      port=$((port + 1)); essais=$((essais + 1))
      [ "$essais" -lt 50 ] || { echo "Aucun port libre à partir de $2." >&2; return 1; }
    done
    local options="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' $*"
    labels_pg_exec "$bin/pg_ctl" -D "$data" -l "$data/serveur.log" -w -t 60 -o "$options" start >/dev/null \
      || { echo "Échec du démarrage de PostgreSQL ; voir $data/serveur.log" >&2; tail -20 "$data/serveur.log" >&2; return 1; }
    # Kept for labels_pg_relancer: the same port and settings after a stop.
    printf '%s' "$options" | labels_pg_exec tee "$data/labels-options" >/dev/null
    LABELS_PG_DEMARRE=1
  fi
  LABELS_PG_BIN=$bin
  LABELS_PG_PORT=$port
}

# labels_pg_creer_base BASE — creates the database if it does not exist.
labels_pg_creer_base() {
  local base=$1
  if ! "$LABELS_PG_BIN/psql" -h 127.0.0.1 -p "$LABELS_PG_PORT" -U postgres -d postgres -Atc \
      "SELECT 1 FROM pg_database WHERE datname = '$base'" | grep -q 1; then
    "$LABELS_PG_BIN/createdb" -h 127.0.0.1 -p "$LABELS_PG_PORT" -U postgres "$base"
  fi
}

# labels_pg_arreter NOM — stops the cluster NOM at once (its clients' connections are cut), as a failure would.
labels_pg_arreter() {
  local bin; bin=$(labels_pg_bin) || return 1
  labels_pg_exec "$bin/pg_ctl" -D "$(labels_pg_base)/$1" -m fast -w stop >/dev/null
}

# labels_pg_en_marche NOM — whether the cluster NOM is running.
labels_pg_en_marche() {
  local bin; bin=$(labels_pg_bin) || return 1
  labels_pg_exec "$bin/pg_ctl" -D "$(labels_pg_base)/$1" status >/dev/null 2>&1
}

# labels_pg_commande_arret NOM — the command that stops the cluster NOM, to copy from any folder.
labels_pg_commande_arret() {
  echo "bash -c \"source '$LABELS_RACINE/scripts/pg.sh' && labels_pg_arreter $1\""
}

# labels_pg_relancer NOM — starts the cluster NOM again, on the port and with the settings of its last start.
labels_pg_relancer() {
  local bin; bin=$(labels_pg_bin) || return 1
  local data; data="$(labels_pg_base)/$1"
  labels_pg_exec "$bin/pg_ctl" -D "$data" -l "$data/serveur.log" -w -t 60 -o "$(cat "$data/labels-options")" start >/dev/null
}
