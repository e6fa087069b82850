#!/usr/bin/env bash
# Makes the files of a release, for .github/workflows/release.yml (and for the test that stands in
# for a release on this machine, tests/testsuite/publishing.rs):
#
#   scripts/release-files.sh archive TARGET BINARY DIR   DIR/explainer-TARGET.tar.gz (.zip on Windows)
#                                                         holding BINARY as explainer (explainer.exe)
#   scripts/release-files.sh installers RELEASES DIR     DIR/install.sh and DIR/install.ps1, which
#                                                         download from RELEASES (…/OWNER/REPO/releases)
#   scripts/release-files.sh checksums DIR               DIR/SHA256SUMS: the SHA-256 of every other
#                                                         file in DIR, as `sha256sum --check` reads it
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

case "${1:-}" in
  archive)
    target="$2" binary="$3" out="$4"
    mkdir -p "$out"
    stage="$(mktemp -d)"
    trap 'rm -rf "$stage"' EXIT
    if [[ "$target" == *windows* ]]; then
      cp "$binary" "$stage/explainer.exe"
      (cd "$stage" && 7z a -tzip -bd -bso0 explainer.zip explainer.exe)
      mv "$stage/explainer.zip" "$out/explainer-$target.zip"
    else
      cp "$binary" "$stage/explainer"
      chmod 755 "$stage/explainer"
      tar -czf "$out/explainer-$target.tar.gz" -C "$stage" explainer
    fi
    ;;
  installers)
    releases="$2" out="$3"
    mkdir -p "$out"
    for script in install.sh install.ps1; do
      sed "s|@EXPLAINER_RELEASES@|$releases|" "$here/$script" > "$out/$script"
    done
    chmod 755 "$out/install.sh"
    ;;
  checksums)
    out="$2"
    (
      cd "$out"
      files=()
      for file in *; do
        [[ "$file" != SHA256SUMS ]] && files+=("$file")
      done
      if command -v sha256sum > /dev/null; then
        sha256sum -- "${files[@]}" > SHA256SUMS
      else
        shasum -a 256 -- "${files[@]}" > SHA256SUMS
      fi
    )
    ;;
  *)
    sed -n '2,12p' "$0" >&2
    exit 2
    ;;
esac
