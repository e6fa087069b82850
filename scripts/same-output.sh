#!/usr/bin/env bash
# Shows that this checkout builds, byte for byte, what another commit builds: for a change that must
# not change behaviour (a reshaping of the code), the proof that it did not.
#
#   scripts/same-output.sh [REV]        # REV: the commit to compare with [default: c7bac65, the last
#                                       # commit before issue 12 reshaped the code; later commits changed
#                                       # behaviour on purpose, so name the commit before your change]
#   BASE_BIN=DIR scripts/same-output.sh # use REV's explainer and synth already built in DIR
#
# Compared, each as a whole folder (`diff -r`) or as the exact text printed:
#   1. the bundled explainer (`build`), without a base URL (relative links);
#   2. the bundled explainer with `--base-url https://example.github.io/iraq-explainer/` (feed,
#      sitemap, social cards, canonical links);
#   3. a synthetic explainer of 1,000 sections and 50 events (`synth --sections 1000 --events 50`),
#      the content itself included, so the generator is compared too;
#   4. what `check` and `check --format json` print for the bundled explainer and for each broken
#      explainer of tests/fixtures/check/ and tests/fixtures/errors/ (each case laid over
#      tests/fixtures/basic, as the tests do): messages, positions, hints and exit codes.
# REV is built in a git worktree with its own target folder (about 90 s the first time); files go to
# WORK (a new temporary folder unless set) and are left there for inspection.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
rev=${1:-c7bac65}
WORK=${WORK:-$(mktemp -d -t same-output.XXXXXX)}
mkdir -p "$WORK"

note() { echo "same-output: $*" >&2; }

note "building this checkout (release)"
cargo build --release --locked --quiet --bin explainer --example synth
new_bin=$repo/target/release

if [ -n "${BASE_BIN:-}" ]; then
  base_bin=$BASE_BIN
else
  note "building $rev in a worktree at $WORK/base-src"
  rm -rf "$WORK/base-src"
  git worktree add --quiet --detach "$WORK/base-src" "$rev"
  trap 'git -C "$repo" worktree remove --force "$WORK/base-src" 2>/dev/null || true' EXIT
  (cd "$WORK/base-src" && CARGO_TARGET_DIR=$WORK/base-target \
    cargo build --release --locked --quiet --bin explainer --example synth)
  base_bin=$WORK/base-target/release
fi
[ -x "$base_bin/explainer" ] && [ -x "$base_bin/examples/synth" ] ||
  { note "no explainer and examples/synth in $base_bin"; exit 2; }

# The broken explainers: tests/fixtures/basic with each case's files over it.
cases=()
for case in "$repo"/tests/fixtures/check/*/ "$repo"/tests/fixtures/errors/*/; do
  site=$WORK/cases/$(basename "$(dirname "$case")")-$(basename "$case")
  rm -rf "$site" && mkdir -p "$site"
  cp -R "$repo/tests/fixtures/basic/." "$site/"
  cp -R "$case/." "$site/"
  cases+=("$site")
done

failed=0
same() {
  local what=$1 a=$2 b=$3
  if diff -r "$a" "$b" >"$WORK/diff.txt" 2>&1; then
    echo "identical: $what"
  else
    echo "DIFFERENT: $what" && head -40 "$WORK/diff.txt" && failed=1
  fi
}

# Each side builds the bundled explainer from its own checkout, whose templates are the ones its
# binary understands (with BASE_BIN, REV's checkout is not at hand: both use this one's).
base_root=$repo
[ -d "$WORK/base-src/content" ] && base_root=$WORK/base-src
new_root=$repo
for side in base new; do
  bin_var=${side}_bin
  bin=${!bin_var}
  root_var=${side}_root
  root=${!root_var}
  out=$WORK/$side
  rm -rf "$out" && mkdir -p "$out"
  "$bin/explainer" build --root "$root" --output "$out/bundled" >/dev/null
  "$bin/explainer" build --root "$root" --output "$out/bundled-base-url" \
    --base-url https://example.github.io/iraq-explainer/ >/dev/null
  "$bin/examples/synth" --sections 1000 --events 50 --out "$out/synth" >/dev/null
  "$bin/explainer" build --root "$out/synth" --output "$out/synth-public" >/dev/null
  mkdir -p "$out/check"
  for site in "$root" "${cases[@]}"; do
    name=$(basename "$site")
    [ "$site" = "$root" ] && name=bundled
    for format in text json; do
      (cd "$site" && "$bin/explainer" check --format "$format" >"$out/check/$name.$format" 2>&1 ||
        echo "exit $?" >>"$out/check/$name.$format")
    done
  done
done

same "bundled explainer" "$WORK/base/bundled" "$WORK/new/bundled"
same "bundled explainer, --base-url" "$WORK/base/bundled-base-url" "$WORK/new/bundled-base-url"
same "synthetic content, 1,000 sections and 50 events" "$WORK/base/synth/content" "$WORK/new/synth/content"
same "synthetic explainer, 1,000 sections and 50 events" "$WORK/base/synth-public" "$WORK/new/synth-public"
same "check, text and JSON, on $(find "$WORK/new/check" -name '*.text' | wc -l) explainers" "$WORK/base/check" "$WORK/new/check"
echo "files compared: $(find "$WORK/new" -type f | wc -l), in $WORK"
exit $failed
