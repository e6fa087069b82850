#!/usr/bin/env bash
# A newcomer's machine, made on this one: a Debian 12 (bookworm) root built by debootstrap from the
# distribution's packages only, with this machine's Rust toolchain copied in (rustup's toolchains
# cannot be downloaded here). Inside it, on a fresh clone of this repository's HEAD, it runs what
# README.md tells a newcomer to run: `.ci/run` (which installs the Debian and npm packages it needs
# and runs the README's test command), then the README's first command, `cargo run --release --
# serve`, fetching the page it serves and stopping it with Ctrl-C (SIGINT).
#
# Usage (as root): scripts/bare-debian.sh [DIR]   DIR defaults to /tmp/bare-debian; kept between
# runs, so a second run skips debootstrap. BARE_FRESH=1 removes it first. Needs about 4 GB.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
root="${1:-/tmp/bare-debian}"
# The Debian mirrors this machine's own apt uses, unless DEBIAN_MIRROR and DEBIAN_SECURITY_MIRROR say.
host_uris() { # the first URIs line of the host's Debian sources that matches $1
  grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk -v want="$1" '$2 ~ want { print $2; exit }'
}
mirror="${DEBIAN_MIRROR:-$(host_uris '/debian/?$')}"
security="${DEBIAN_SECURITY_MIRROR:-$(host_uris 'debian-security')}"
if [ -z "$mirror" ] || [ -z "$security" ]; then
  echo "scripts/bare-debian.sh: set DEBIAN_MIRROR and DEBIAN_SECURITY_MIRROR (this machine's apt names none)" >&2
  exit 2
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "scripts/bare-debian.sh: run it as root (debootstrap and chroot need it)" >&2
  exit 2
fi

unmount() {
  for m in dev/shm dev/pts dev sys proc; do
    if mountpoint -q "$root/$m"; then umount -l "$root/$m"; fi
  done
}
trap unmount EXIT

if [ "${BARE_FRESH:-0}" = 1 ] && [ -d "$root" ]; then
  unmount
  rm -rf "$root"
fi

if [ ! -x "$root/usr/bin/apt-get" ]; then
  command -v debootstrap >/dev/null || {
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
  }
  echo "== debootstrap bookworm into $root"
  debootstrap --variant=minbase bookworm "$root" "$mirror"
  cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
EOF
fi

mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mount -t tmpfs shm "$root/dev/shm"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# Where this machine reaches the registries through a TLS-inspecting proxy, its local certificate
# authorities go in too; Debian's ca-certificates (which .ci/run installs) adds them when installed.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  if [ -x "$root/usr/sbin/update-ca-certificates" ]; then
    chroot "$root" update-ca-certificates >/dev/null
  fi
fi

# The Rust toolchain, as rustup installed it here: the toolchains and cargo's own binaries, not its
# download caches (the build fetches crates itself, as a newcomer's does).
echo "== copying the Rust toolchain"
rustup_home="${RUSTUP_HOME:-$HOME/.rustup}"
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
mkdir -p "$root/root/.cargo"
rm -rf "$root/root/.rustup" "$root/root/.cargo/bin"
cp -a "$rustup_home" "$root/root/.rustup"
cp -a "$cargo_home/bin" "$root/root/.cargo/bin"

# A fresh clone of what is committed here.
rm -rf "$root/root/explainer"
git clone -q "$repo" "$root/root/explainer"
echo "== cloned $(git -C "$repo" rev-parse --short HEAD)"

# What the newcomer does: the README's two commands (the second is inside .ci/run).
cat >"$root/root/newcomer.sh" <<'EOF'
#!/bin/bash
set -euo pipefail
export HOME=/root PATH=/root/.cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export CARGO_TERM_COLOR=never
cd /root/explainer
echo "== Debian $(cat /etc/debian_version); $(rustc --version)"
start=$(date +%s)
.ci/run
echo "== .ci/run passed in $(($(date +%s) - start)) s"

echo "== the README's first command: cargo run --release -- serve"
# In its own process group, as a terminal runs it, so that Ctrl-C reaches cargo and explainer alike.
setsid cargo run --release -- serve >/tmp/serve.log 2>&1 &
serve=$!
for _ in $(seq 1 120); do
  if grep -q "http://127.0.0.1:1111/" /tmp/serve.log 2>/dev/null; then break; fi
  sleep 1
done
cat /tmp/serve.log
# Fetched with the shell's own /dev/tcp: minbase has no curl, and the newcomer's browser is not here.
exec 3<>/dev/tcp/127.0.0.1/1111
printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
page=$(cat <&3)
exec 3<&-
grep -q "HTTP/1.1 200" <<<"$page"
grep -o "<title>[^<]*</title>" <<<"$page"
kill -INT -- "-$serve"
wait "$serve" || true
echo "== serve answered and stopped on Ctrl-C"
EOF
chmod +x "$root/root/newcomer.sh"
chroot "$root" /root/newcomer.sh
