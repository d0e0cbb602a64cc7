#!/bin/sh
# Makes a local stand-in for the official Node.js 20 base image, for machines that cannot pull it:
# a minimal Debian from debootstrap with this machine's own node and npm copied in, laid out as the
# official image lays them out (/usr/local). Does nothing when the image already exists.
#
# Usage: scripts/make-local-node-image.sh [IMAGE]   (default localhost/node-base:20)
# Environment:
#   CONTAINER_ENGINE  podman (default) or docker
#   DEBIAN_SUITE      the Debian release to bootstrap (default bookworm, as the official image)
#   DEBIAN_MIRROR     where debootstrap fetches packages (default: the first Debian mirror that
#                     apt on this machine uses)
#   HOST_CA_BUNDLE    a PEM bundle copied to /etc/ssl/certs/ca-certificates.crt in the image, so
#                     that builds behind a TLS-re-signing proxy can trust it (default: the file
#                     NODE_EXTRA_CA_CERTS names, else the system bundle, when either exists)
set -eu

image="${1:-localhost/node-base:20}"
engine="${CONTAINER_ENGINE:-podman}"
suite="${DEBIAN_SUITE:-bookworm}"

fail() {
  echo "make-local-node-image: $*" >&2
  exit 1
}

if "$engine" image inspect "$image" >/dev/null 2>&1; then
  echo "make-local-node-image: $image exists"
  exit 0
fi

if ! command -v debootstrap >/dev/null 2>&1; then
  fail "debootstrap is missing (apt-get install debootstrap)"
fi
node_path="$(command -v node)" || fail "node is missing"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" = 20 ] || fail "this machine's node is $node_major, the image needs Node.js 20"
npm_dir="$(npm root -g)/npm"
[ -f "$npm_dir/bin/npm-cli.js" ] || fail "npm is not at $npm_dir"

# The host's own apt sources name a mirror that is known to answer from here; security and
# updates suites live elsewhere and lack a full release.
mirror="${DEBIAN_MIRROR:-}"
if [ -z "$mirror" ]; then
  mirror="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
    awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }')"
fi
if [ -z "$mirror" ]; then
  mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk '$1 == "deb" && !/security/ { sub(/\[[^]]*\][ \t]*/, ""); print $2; exit }')"
fi
[ -n "$mirror" ] || fail "no Debian mirror found in /etc/apt; set DEBIAN_MIRROR"

ca_bundle="${HOST_CA_BUNDLE:-${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}}"

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT

echo "make-local-node-image: bootstrapping Debian $suite"
debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$root.log" 2>&1 ||
  fail "debootstrap failed; see $root.log"
rm -f "$root.log"

install -D -m 0755 "$(readlink -f "$node_path")" "$root/usr/local/bin/node"
mkdir -p "$root/usr/local/lib/node_modules"
cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
if [ -f "$ca_bundle" ]; then
  install -D -m 0644 "$ca_bundle" "$root/etc/ssl/certs/ca-certificates.crt"
fi

# Package lists and downloaded packages are only needed to install more; the image never does.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/archives/*.deb

# An imported image has no configuration; give it the PATH and command the official image has.
tar -C "$root" -c . | "$engine" import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["node"]' \
  - "$image" >/dev/null
echo "make-local-node-image: made $image"
