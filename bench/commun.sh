# What bench/palmares.sh and bench/import.sh share: messages, the clean-up at exit, the local PostgreSQL
# cluster and its fresh database, the published API. Sourced after scripts/pg.sh, from the repository's root.

echo_etape() { printf '\n== %s\n' "$*" >&2; }
echouer() { echo "ÉCHEC : $*" >&2; exit 1; }

# bench_a_la_sortie VARIABLE… — at exit, even after a failure: the processes whose PIDs these variables then
# hold are stopped, then the cluster of PG_DATA.
bench_a_la_sortie() {
  BENCH_PROCESSUS=("$@")
  PG_DATA=''
  trap bench_nettoyer EXIT
  trap 'exit 130' INT TERM
}
bench_nettoyer() {
  local code=$? variable
  set +e
  for variable in "${BENCH_PROCESSUS[@]}"; do
    if [ -n "${!variable:-}" ]; then kill "${!variable}" 2>/dev/null; wait "${!variable}" 2>/dev/null; fi
  done
  if [ -n "$PG_DATA" ]; then labels_pg_exec "$LABELS_PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null 2>&1; fi
  exit "$code"
}

# bench_base CLUSTER PORT BASE — starts the project-local cluster, sets PSQL (an array) and PG_DATA, and
# recreates BASE empty.
bench_base() {
  echo_etape "PostgreSQL (cluster $1)"
  labels_pg_demarrer "$1" "$2"
  PSQL=("$LABELS_PG_BIN/psql" -h 127.0.0.1 -p "$LABELS_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -X -q)
  # pg.sh may have put the cluster in /tmp (root without access to the folder): ask the server where it is.
  PG_DATA=$("${PSQL[@]}" -d postgres -Atc 'SHOW data_directory')
  "$LABELS_PG_BIN/dropdb" -h 127.0.0.1 -p "$LABELS_PG_PORT" -U postgres --if-exists --force "$3"
  "$LABELS_PG_BIN/createdb" -h 127.0.0.1 -p "$LABELS_PG_PORT" -U postgres "$3"
}

# bench_publier DOSSIER JOURNAL — dotnet publish of the API in $CONFIG, unless LABELS_BENCH_PUBLIER=0 and it is there.
bench_publier() {
  if [ "${LABELS_BENCH_PUBLIER:-1}" = 0 ] && [ -f "$1/Labels.Api.dll" ]; then
    echo_etape "API déjà publiée dans $1 (LABELS_BENCH_PUBLIER=0)"
    return 0
  fi
  echo_etape "Publication de l'API ($CONFIG)"
  # Optimize=true: a configuration other than Release (e.g. Bench, used to keep clear of a concurrent
  # Release build's obj/bin) would otherwise be compiled without optimisations.
  dotnet publish src/Labels.Api -c "$CONFIG" -p:Optimize=true -o "$1" -nologo >"$2" 2>&1 \
    || { tail -30 "$2" >&2; echouer "dotnet publish (journal : $2)"; }
  # Seen once with a concurrent build in the same tree: publish ended at 0 without writing its output.
  [ -f "$1/Labels.Api.dll" ] || { tail -30 "$2" >&2; echouer "dotnet publish n'a rien écrit dans $1"; }
}
