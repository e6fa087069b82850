#!/bin/sh
# Installs the explainer binary of a GitHub release, after checking it against the release's
# SHA-256 checksums. Each release carries this script as `install.sh`:
#
#   curl -fsSL https://github.com/OWNER/explainer/releases/latest/download/install.sh | sh
#
# Settings, all optional, as environment variables:
#   EXPLAINER_VERSION   the version to install, e.g. 0.2.0 (default: the latest release)
#   EXPLAINER_RELEASES  the releases address (default: the one this script was released from)
#   EXPLAINER_INSTALL   the folder to put `explainer` in (default: ~/.local/bin)
set -eu

# The release workflow writes its repository's releases address here.
releases="${EXPLAINER_RELEASES:-@EXPLAINER_RELEASES@}"
releases="${releases%/}"
install_dir="${EXPLAINER_INSTALL:-$HOME/.local/bin}"

fail() {
  echo "explainer install: $*" >&2
  exit 1
}

case "$(uname -s)" in
  Linux) os=unknown-linux-musl ;;
  Darwin) os=apple-darwin ;;
  *) fail "no release for $(uname -s); on Windows, use the PowerShell line in explainer's README" ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) fail "no release for a $(uname -m) processor; with Rust, run: cargo install --git ${releases%/releases}" ;;
esac
archive="explainer-$arch-$os.tar.gz"
if [ -n "${EXPLAINER_VERSION:-}" ]; then
  from="$releases/download/v${EXPLAINER_VERSION#v}"
else
  from="$releases/latest/download"
fi

if command -v sha256sum > /dev/null 2>&1; then
  sha256() { sha256sum "$1" | cut -d ' ' -f 1; }
elif command -v shasum > /dev/null 2>&1; then
  sha256() { shasum -a 256 "$1" | cut -d ' ' -f 1; }
else
  fail "needs sha256sum or shasum to check the download"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for file in "$archive" SHA256SUMS; do
  curl --fail --silent --show-error --location --retry 3 --output "$work/$file" "$from/$file" ||
    fail "could not download $from/$file"
done
expected="$(grep -E "^[0-9a-f]{64}  $archive\$" "$work/SHA256SUMS" | cut -d ' ' -f 1)" ||
  fail "$from/SHA256SUMS lists no checksum for $archive"
actual="$(sha256 "$work/$archive")"
[ "$actual" = "$expected" ] ||
  fail "$archive does not match its SHA-256 checksum ($actual, not $expected): the download was changed or damaged, so nothing was installed"

tar -xzf "$work/$archive" -C "$work" explainer
mkdir -p "$install_dir"
mv "$work/explainer" "$install_dir/explainer"
chmod +x "$install_dir/explainer"
echo "Installed $("$install_dir/explainer" --version) in $install_dir"
case ":$PATH:" in
  *":$install_dir:"*) ;;
  *) echo "Add $install_dir to your PATH to run explainer by name, e.g. in ~/.profile: export PATH=\"$install_dir:\$PATH\"" ;;
esac
