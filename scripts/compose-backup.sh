#!/bin/sh
# The backup service of docker-compose.yaml: dumps the app's database with mysqldump, gzipped,
# into BACKUP_DIR, then keeps only the newest BACKUP_KEEP dumps; again every
# BACKUP_INTERVAL_HOURS. It runs in the MySQL image, which brings the client programs.
#
# Environment (defaults suit docker-compose.yaml):
#   DB_HOST, DB_PORT, DB_NAME, DB_USER  the server and account (db, 3306, notifications, app)
#   DB_PASSWORD_FILE                    a file holding the account's password
#   BACKUP_DIR                          where dumps go (/backups)
#   BACKUP_INTERVAL_HOURS               hours between dumps (6)
#   BACKUP_KEEP                         how many dumps to keep (14)
#   BACKUP_ONCE                         true: make one dump, rotate, and exit with its status
set -eu

host="${DB_HOST:-db}"
port="${DB_PORT:-3306}"
database="${DB_NAME:-notifications}"
user="${DB_USER:-app}"
password_file="${DB_PASSWORD_FILE:-/run/secrets/db_password}"
backup_dir="${BACKUP_DIR:-/backups}"
interval_hours="${BACKUP_INTERVAL_HOURS:-6}"
keep="${BACKUP_KEEP:-14}"

log() {
  echo "backup: $(date -u +%Y-%m-%dT%H:%M:%SZ) $*"
}

case "$interval_hours:$keep" in
  *[!0-9:]* | :* | *: | 0:* | *:0)
    log "BACKUP_INTERVAL_HOURS and BACKUP_KEEP must be whole numbers above 0" >&2
    exit 2
    ;;
esac

# The password goes to the client programs in an option file, never on a command line, where
# any process in the container could read it. It lives only as long as this script.
umask 077
mkdir -p "$backup_dir"
options="$(mktemp "${TMPDIR:-/tmp}/backup-client.XXXXXX")"
sleeper=''
trap 'rm -f "$options"' EXIT
trap '[ -z "$sleeper" ] || kill "$sleeper" 2>/dev/null; exit 0' TERM INT
printf '[client]\nhost=%s\nport=%s\nuser=%s\npassword=%s\n' \
  "$host" "$port" "$user" "$(cat "$password_file")" >"$options"

# One consistent dump of InnoDB tables without locking them (--single-transaction); binary
# columns, such as the sealed GitHub tokens, as hex so the file survives any character set.
# Written beside its final name first, so a dump cut short is never mistaken for a good one.
dump() {
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  final="$backup_dir/$database-$stamp.sql.gz"
  partial="$backup_dir/.$database-$stamp.sql"

  if ! mysqldump --defaults-extra-file="$options" --protocol=TCP --single-transaction \
    --no-tablespaces --routines --triggers --events --hex-blob \
    --default-character-set=utf8mb4 --result-file="$partial" "$database"; then
    rm -f "$partial"
    log "dump of $database failed" >&2
    return 1
  fi

  gzip -9 "$partial"
  mv "$partial.gz" "$final"
  log "wrote $final ($(wc -c <"$final") bytes)"
}

# Dump names carry a UTC timestamp, so the glob's name order is age order, oldest first: all
# but the newest $keep go.
rotate() {
  set -- "$backup_dir/$database"-[0-9]*Z.sql.gz
  [ -e "$1" ] || return 0

  excess=$(($# - keep))
  while [ "$excess" -gt 0 ]; do
    rm -f "$1"
    log "removed $1"
    shift
    excess=$((excess - 1))
  done
}

if [ "${BACKUP_ONCE:-false}" = true ]; then
  dump
  rotate
  exit 0
fi

log "every $interval_hours h, keeping $keep dumps in $backup_dir"
while :; do
  if dump; then
    rotate
  fi
  # sleep in the background: the shell waits on it and still acts on SIGTERM at once.
  sleep "$((interval_hours * 3600))" &
  sleeper=$!
  wait "$sleeper"
done
