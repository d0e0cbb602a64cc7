#!/bin/sh
# Makes the random secrets that docker-compose.yaml mounts, and the folder its backups go to.
# A secret that exists is kept as it is: a new database password would no longer match the one
# MySQL stored in its volume, and a new token key would make every stored GitHub token unreadable.
#
# Usage: scripts/generate-local-secrets.sh
# Environment:
#   SECRETS_DIR  where the secrets go (default: secrets/ in the repository, ignored by git)
#   BACKUPS_DIR  where the backup service writes its dumps (default: backups/ in the repository)
#
# File modes: Compose (without Swarm) bind-mounts a file secret into the container with the
# owner and mode it has on the host, and cannot change them. The app runs as uid 10001 and must
# read its secrets, so each file is readable by all (0644) and the folder around it is closed to
# everyone but its owner (0700): on the host, only you can reach the files.
set -eu

repository="$(cd "$(dirname "$0")/.." && pwd)"
secrets_dir="${SECRETS_DIR:-$repository/secrets}"
backups_dir="${BACKUPS_DIR:-$repository/backups}"

fail() {
  echo "generate-local-secrets: $*" >&2
  exit 1
}

command -v openssl >/dev/null 2>&1 || fail "openssl is needed to make random values"

# Nothing made here is ever readable by others while it is being written.
umask 077
mkdir -p "$secrets_dir" "$backups_dir"
chmod 700 "$secrets_dir" "$backups_dir"

# Writes $2 to <secrets>/$1.txt unless that file exists; the value lands in a temporary file
# first, so an interrupted run leaves no half-written secret behind.
write_secret() {
  file="$secrets_dir/$1.txt"
  if [ -e "$file" ]; then
    echo "kept    $file"
    return
  fi

  partial="$(mktemp "$secrets_dir/.$1.XXXXXX")"
  printf '%s\n' "$2" >"$partial"
  chmod 644 "$partial"
  mv "$partial" "$file"
  echo "created $file"
}

# Hex passwords need no quoting in URLs, option files or shells.
write_secret db_root_password "$(openssl rand -hex 24)"
write_secret db_password "$(openssl rand -hex 24)"
# The app wants base64 of exactly 32 random bytes (AES-256).
write_secret token_encryption_key "$(openssl rand -base64 32)"
# One cookie signing key of 64 characters; the app accepts 32 or more.
write_secret session_keys "$(openssl rand -hex 32)"
