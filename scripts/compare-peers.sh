#!/usr/bin/env bash
# Builds the same synthetic explainers with explainer, Hugo (Debian's package) and mdBook, in one run,
# and prints a Markdown table of median wall times, ratios and peak memory; then the bundled
# explainer's own build time, the clean `cargo build --release` time and the number of crates.
#
#   scripts/compare-peers.sh                       # sizes 10, 1,000 and 10,000: 15 to 25 minutes on 2
#                                                  # busy cores, most of it mdBook at 10,000 sections
#   SIZES="10 1000" ROUNDS=3 scripts/compare-peers.sh
#   SKIP_CLEAN_BUILD=1 scripts/compare-peers.sh    # leave out the clean build (about 2 minutes)
#   BASELINE=DIR scripts/compare-peers.sh          # also time DIR/explainer (another commit's build)
#                                                  # in the same rounds: before and after a change
#
# What it does, for each size N:
#   1. `cargo run --release --example synth -- --sections N --events 20` writes our content;
#   2. the same files become a Hugo site (the Markdown and its YAML front matter as they are, one
#      minimal layout that renders every page into the home page, nothing else) and an mdBook (front
#      matter replaced by a `# Title` heading, one chapter per file, the print page on, search off);
#   3. hyperfine times whole processes: ROUNDS rounds, each running every tool (WARMUP warm-up runs,
#      then RUNS timed runs), so a change in the machine's load falls on all tools alike; the median
#      is taken over every timed run of all rounds. mdBook at MDBOOK_SLOW_AT sections and more takes
#      minutes per build: it is built once, timed by /usr/bin/time, and that one run is its figure;
#   4. `/usr/bin/time -v` gives the peak memory (the maximum resident set size of the largest
#      process), median of RSS_RUNS runs.
# Installs what is missing: hugo, hyperfine, time and jq with apt-get, mdBook with `cargo install`.
# Files go to WORK (a new temporary folder unless set) and are left there for inspection.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

MDBOOK_VERSION=${MDBOOK_VERSION:-0.5.4}
SIZES=${SIZES:-"10 1000 10000"}
EVENTS=${EVENTS:-20}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-1}
RUNS=${RUNS:-3}
RSS_RUNS=${RSS_RUNS:-3}
MDBOOK_SLOW_AT=${MDBOOK_SLOW_AT:-10000}
HUGO=/usr/bin/hugo # Debian's package, whatever else is on PATH

die() {
  echo "compare-peers: $*" >&2
  exit 1
}
note() { echo "compare-peers: $*" >&2; }

# --- What the comparison needs ----------------------------------------------------------------------
install_debian() {
  local missing=()
  [ -x "$HUGO" ] || missing+=(hugo)
  command -v hyperfine >/dev/null || missing+=(hyperfine)
  [ -x /usr/bin/time ] || missing+=(time)
  command -v jq >/dev/null || missing+=(jq)
  ((${#missing[@]})) || return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "need root or sudo to install: ${missing[*]}"
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null || die "no apt-get: install ${missing[*]} yourself"
  note "installing ${missing[*]} with apt-get"
  "${sudo[@]}" apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null ||
    die "could not install ${missing[*]} with apt-get"
}

install_mdbook() {
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
  if [ "$(mdbook --version 2>/dev/null)" != "mdbook v$MDBOOK_VERSION" ]; then
    note "installing mdBook $MDBOOK_VERSION with cargo install (a few minutes)"
    cargo install mdbook --locked --version "$MDBOOK_VERSION" ||
      die "could not install mdBook $MDBOOK_VERSION with cargo install"
  fi
  [ "$(mdbook --version)" = "mdbook v$MDBOOK_VERSION" ] ||
    die "mdbook on PATH is $(mdbook --version), not $MDBOOK_VERSION"
}

install_debian
install_mdbook
command -v cargo >/dev/null || die "cargo is needed (https://rustup.rs)"

WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/compare-peers.XXXXXX")}
mkdir -p "$WORK"
# hyperfine runs the commands without a shell (-N), splitting them at spaces.
case "$WORK$repo" in *" "*) die "the paths must not contain spaces: $WORK, $repo" ;; esac
note "working in $WORK"

note "building explainer and the synth example (release)"
cargo build --release --locked --quiet --bin explainer --example synth
explainer=$repo/target/release/explainer
synth=$repo/target/release/examples/synth

# --- The same content for each tool ------------------------------------------------------------------
# Hugo reads our Markdown and YAML front matter as they are; the cascade keeps every page out of the
# output except the home page, which renders them all (as explainer renders its sections into one).
to_hugo() {
  local src=$1 dst=$2
  rm -rf "$dst"
  mkdir -p "$dst/layouts"
  cp -r "$src/content" "$dst/content"
  cat >"$dst/config.toml" <<'EOF'
baseURL = "https://example.org/"
languageCode = "en"
title = "Synthetic explainer"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
[[cascade]]
[cascade._build]
render = "never"
list = "always"
[cascade._target]
kind = "{page,section}"
EOF
  cat >"$dst/layouts/index.html" <<'EOF'
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<main>
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ range .Site.RegularPages.ByWeight }}<section id="{{ .File.ContentBaseName }}">
<h2>{{ .Title }}</h2>
{{ .Content }}
</section>
{{ end }}</main>
</body>
</html>
EOF
}

# mdBook has no front matter: each file becomes a chapter headed by its title, the page file the
# introduction, the timeline's events sub-chapters of the timeline.
to_mdbook() {
  local src=$1 dst=$2
  rm -rf "$dst"
  mkdir -p "$dst/src/timeline"
  cat >"$dst/book.toml" <<'EOF'
[book]
title = "Synthetic explainer"
language = "en"

[output.html.search]
enable = false
EOF
  local files=(_index.md)
  local f
  for f in "$src"/content/*.md; do
    [ "${f##*/}" = _index.md ] || files+=("${f##*/}")
  done
  if [ -f "$src/content/timeline/_index.md" ]; then
    files+=(timeline/_index.md)
    for f in "$src"/content/timeline/*.md; do
      [ "${f##*/}" = _index.md ] || files+=("timeline/${f##*/}")
    done
  fi
  (cd "$src/content" && awk -v dst="$dst/src" '
    function finish() {
      if (out == "") return
      printf "# %s\n\n%s", title, body > out
      close(out)
      if (FILE == "_index.md") line = "[" title "](" FILE ")\n"
      else if (FILE ~ /^timeline\// && FILE != "timeline/_index.md") line = "  - [" title "](" FILE ")"
      else line = "- [" title "](" FILE ")"
      print line > (dst "/SUMMARY.md")
    }
    FNR == 1 { finish(); FILE = FILENAME; out = dst "/" FILENAME; state = 0; title = ""; body = "" }
    state < 2 && /^---[ \t]*$/ { state++; next }
    state == 1 {
      if (title == "" && sub(/^title:[ \t]*/, "")) { gsub(/^"|"$/, ""); title = $0 }
      next
    }
    { body = body $0 "\n" }
    END { finish(); close(dst "/SUMMARY.md") }
  ' "${files[@]}")
  # SUMMARY.md needs its heading first.
  { echo "# Summary"; echo; cat "$dst/src/SUMMARY.md"; } >"$dst/summary.tmp"
  mv "$dst/summary.tmp" "$dst/src/SUMMARY.md"
}

# --- Measuring ---------------------------------------------------------------------------------------
# Median of numbers, one a line.
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Peak RSS in KiB of a command (the largest process's maximum resident set size), median of RSS_RUNS.
peak_rss() {
  local i
  for ((i = 0; i < RSS_RUNS; i++)); do
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { print $2 }'
  done | median
}

# Wall seconds and peak RSS (KiB) of a single run: "SECONDS KIB".
single_run() {
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
    /Maximum resident set size/ { rss = $2 }
    END { print s, rss }'
}

# Median seconds of each named command over the hyperfine JSON files given, the number of runs and
# the fastest: "NAME SECONDS RUNS FASTEST".
medians() {
  jq -rs '[.[].results[]] | group_by(.command)[]
    | (map(.times[]) | sort) as $t | ($t | length) as $n
    | "\(.[0].command) \(if $n % 2 == 1 then $t[($n - 1) / 2] else ($t[$n / 2 - 1] + $t[$n / 2]) / 2 end) \($n) \($t[0])"' "$@"
}

declare -A TIME RSS RUNS_DONE FASTEST

measure_size() {
  local n=$1
  local dir=$WORK/n$n
  note "N = $n: writing the content"
  rm -rf "$dir"
  mkdir -p "$dir"
  "$synth" --sections "$n" --events "$EVENTS" --out "$dir/explainer" >/dev/null
  to_hugo "$dir/explainer" "$dir/hugo"
  to_mdbook "$dir/explainer" "$dir/mdbook"

  # Each tool writes where it does by default: explainer and Hugo to public/, mdBook to book/.
  local ours=("$explainer" build --root "$dir/explainer")
  local baseline=()
  [ -z "${BASELINE:-}" ] || baseline=("$BASELINE/explainer" build --root "$dir/explainer" --output "$dir/baseline-public")
  local hugo=("$HUGO" --quiet --source "$dir/hugo")
  local mdbook=(mdbook build "$dir/mdbook")
  # Every tool must build before anything is timed.
  "${ours[@]}" >/dev/null || die "explainer failed at N = $n"
  ((${#baseline[@]} == 0)) || "${baseline[@]}" >/dev/null || die "the baseline explainer failed at N = $n"
  "${hugo[@]}" >/dev/null || die "hugo failed at N = $n"
  local mdbook_slow=$((n >= MDBOOK_SLOW_AT))
  if ((!mdbook_slow)); then
    "${mdbook[@]}" 2>/dev/null || die "mdbook failed at N = $n"
  fi

  local r cmds
  for ((r = 1; r <= ROUNDS; r++)); do
    note "N = $n: round $r of $ROUNDS"
    cmds=(-n explainer "${ours[*]}" -n hugo "${hugo[*]}")
    ((${#baseline[@]} == 0)) || cmds+=(-n baseline "${baseline[*]}")
    ((mdbook_slow)) || cmds+=(-n mdbook "${mdbook[*]}")
    hyperfine -N --style none --warmup "$WARMUP" --runs "$RUNS" \
      --export-json "$dir/round-$r.json" "${cmds[@]}" >/dev/null
  done
  local name seconds count fastest
  while read -r name seconds count fastest; do
    TIME[$name,$n]=$seconds
    RUNS_DONE[$name,$n]=$count
    FASTEST[$name,$n]=$fastest
  done < <(medians "$dir"/round-*.json)

  note "N = $n: peak memory"
  RSS[explainer,$n]=$(peak_rss "${ours[@]}")
  ((${#baseline[@]} == 0)) || RSS[baseline,$n]=$(peak_rss "${baseline[@]}")
  RSS[hugo,$n]=$(peak_rss "${hugo[@]}")
  if ((mdbook_slow)); then
    note "N = $n: mdBook, one run (minutes)"
    read -r seconds rss < <(single_run "${mdbook[@]}")
    TIME[mdbook,$n]=$seconds
    RSS[mdbook,$n]=$rss
    RUNS_DONE[mdbook,$n]=1
    FASTEST[mdbook,$n]=$seconds
  else
    RSS[mdbook,$n]=$(peak_rss "${mdbook[@]}")
  fi
}

measure_bundled() {
  note "the bundled explainer"
  local cmd=("$explainer" build --root "$repo" --output "$WORK/bundled-public")
  "${cmd[@]}" >/dev/null || die "the bundled explainer does not build"
  hyperfine -N --style none --warmup 3 --runs $((ROUNDS * RUNS * 2)) \
    --export-json "$WORK/bundled.json" -n bundled "${cmd[*]}" >/dev/null
  local name seconds count fastest
  read -r name seconds count fastest < <(medians "$WORK/bundled.json")
  TIME[bundled]=$seconds
  RUNS_DONE[bundled]=$count
  FASTEST[bundled]=$fastest
  RSS[bundled]=$(peak_rss "${cmd[@]}")
  [ -n "${BASELINE:-}" ] || return 0
  local before=("$BASELINE/explainer" build --root "$repo" --output "$WORK/bundled-baseline-public")
  hyperfine -N --style none --warmup 3 --runs $((ROUNDS * RUNS * 2)) \
    --export-json "$WORK/bundled-pair.json" -n bundled "${cmd[*]}" -n baseline "${before[*]}" >/dev/null
  while read -r name seconds count fastest; do
    TIME[pair-$name]=$seconds
  done < <(medians "$WORK/bundled-pair.json")
  RSS[bundled-baseline]=$(peak_rss "${before[@]}")
}

# Crates in the dependency tree for this machine's target: packages, each counted once, the
# explainer package itself left out.
count_crates() {
  cargo tree --locked -e "$1" --target "$(rustc -vV | awk '/^host:/ { print $2 }')" --prefix none \
    --format '{p}' | sed 's/ (\*)$//; s/ (proc-macro)$//' | grep -v '^explainer ' | sort -u | grep -c .
}

measure_clean_build() {
  note "clean cargo build --release in a fresh target folder (downloads excluded)"
  cargo fetch --locked --quiet
  local target=$WORK/clean-target start end
  rm -rf "$target"
  start=$(date +%s.%N)
  env -u RUSTC_WRAPPER CARGO_TARGET_DIR="$target" cargo build --release --locked --quiet
  end=$(date +%s.%N)
  CLEAN_BUILD=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", b - a }')
  rm -rf "$target"
}

# --- Running -----------------------------------------------------------------------------------------
# Other work on the machine slows every tool: the load average says how busy it was.
load() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_START=$(load)
for n in $SIZES; do measure_size "$n"; done
measure_bundled
CLEAN_BUILD=
[ -n "${SKIP_CLEAN_BUILD:-}" ] || measure_clean_build
LOAD_END=$(load)
CRATES_NORMAL=$(count_crates normal)
CRATES_BUILD=$(count_crates normal,build)

# --- The table ---------------------------------------------------------------------------------------
secs() { awk -v s="$1" 'BEGIN { if (s >= 10) printf "%.0f s", s; else if (s >= 1) printf "%.2f s", s; else printf "%.1f ms", s * 1000 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }
cell() { echo "$(secs "$1"), $(mib "$2")"; }
thousands() { echo "$1" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f×", a / b }'; }

hugo_version=$("$HUGO" version | sed -n 's/^hugo v\([0-9.]*\).*/\1/p')
cpus=$(nproc)
echo
echo "Measured $(date -u +%Y-%m-%d) on $(uname -m) Linux, $cpus cores; explainer $(git -C "$repo" rev-parse --short HEAD)."
echo "Median wall time of the whole process and peak memory (largest process's maximum RSS)."
echo
echo "| sections, one page | explainer | Hugo $hugo_version (Debian) | mdBook $MDBOOK_VERSION (book + print page) | Hugo ÷ explainer: time, memory | mdBook ÷ explainer: time, memory |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
for n in $SIZES; do
  printf '| %s | %s | %s | %s | %s, %s | %s, %s |\n' "$(thousands "$n")" \
    "$(cell "${TIME[explainer,$n]}" "${RSS[explainer,$n]}")" \
    "$(cell "${TIME[hugo,$n]}" "${RSS[hugo,$n]}")" \
    "$(cell "${TIME[mdbook,$n]}" "${RSS[mdbook,$n]}")" \
    "$(ratio "${TIME[hugo,$n]}" "${TIME[explainer,$n]}")" "$(ratio "${RSS[hugo,$n]}" "${RSS[explainer,$n]}")" \
    "$(ratio "${TIME[mdbook,$n]}" "${TIME[explainer,$n]}")" "$(ratio "${RSS[mdbook,$n]}" "${RSS[explainer,$n]}")"
done
echo
echo "| the bundled explainer (\`explainer build\` in this repository) | $(cell "${TIME[bundled]}" "${RSS[bundled]}") |"
echo "| --- | ---: |"
if [ -n "${BASELINE:-}" ]; then
  echo
  echo "Beside the baseline ($BASELINE/explainer), timed in the same rounds:"
  echo
  echo "| sections, one page | explainer | baseline | explainer ÷ baseline: time, memory |"
  echo "| ---: | ---: | ---: | ---: |"
  for n in $SIZES; do
    printf '| %s | %s | %s | %s, %s |\n' "$(thousands "$n")" \
      "$(cell "${TIME[explainer,$n]}" "${RSS[explainer,$n]}")" \
      "$(cell "${TIME[baseline,$n]}" "${RSS[baseline,$n]}")" \
      "$(ratio "${TIME[explainer,$n]}" "${TIME[baseline,$n]}")" "$(ratio "${RSS[explainer,$n]}" "${RSS[baseline,$n]}")"
  done
  printf '| the bundled explainer (run in pairs) | %s | %s | %s, %s |\n' \
    "$(cell "${TIME[pair-bundled]}" "${RSS[bundled]}")" "$(cell "${TIME[pair-baseline]}" "${RSS[bundled-baseline]}")" \
    "$(ratio "${TIME[pair-bundled]}" "${TIME[pair-baseline]}")" "$(ratio "${RSS[bundled]}" "${RSS[bundled-baseline]}")"
fi
echo
echo "Load average (1, 5, 15 minutes): $LOAD_START at the start, $LOAD_END at the end."
for n in $SIZES; do
  printf 'N = %s: timed runs: explainer %s, Hugo %s, mdBook %s; fastest run: explainer %s, Hugo %s, mdBook %s.\n' \
    "$(thousands "$n")" "${RUNS_DONE[explainer,$n]}" "${RUNS_DONE[hugo,$n]}" "${RUNS_DONE[mdbook,$n]}" \
    "$(secs "${FASTEST[explainer,$n]}")" "$(secs "${FASTEST[hugo,$n]}")" "$(secs "${FASTEST[mdbook,$n]}")"
done
echo "Bundled explainer: ${RUNS_DONE[bundled]} timed runs, fastest $(secs "${FASTEST[bundled]}")."
if [ -n "$CLEAN_BUILD" ]; then
  echo "Clean \`cargo build --release\` (fresh target folder, crates already downloaded): ${CLEAN_BUILD} s."
fi
echo "Crates (cargo tree, this target, each package once, explainer itself left out): $CRATES_NORMAL in the binary (normal dependencies, proc-macros included); $CRATES_BUILD compiled by \`cargo build --release\` (with build dependencies)."
echo "Raw hyperfine JSON and the generated sites: $WORK"

# Zola is not published as a crate: the issue measured it beside Debian's Hugo on this kind of
# machine, so it is placed here by Hugo's time in this run times the issue's Zola/Hugo ratio.
zola_ratio() {
  case $1 in
  10) echo "0.013 / 0.050" ;;
  1000) echo "0.113 / 0.306" ;;
  10000) echo "1.13 / 2.75" ;;
  esac
}
verdict() { # seconds, limit in seconds
  awk -v s="$1" -v l="$2" 'BEGIN { if (s <= l) printf "met (%.0f%% of the limit)", 100 * s / l; else printf "missed by %.1f ms (%.2f× the limit)", (s - l) * 1000, s / l }'
}
echo
echo "Targets (the issue's: three times the fastest peer):"
echo "- the bundled explainer in at most 10 ms: $(secs "${TIME[bundled]}"), $(verdict "${TIME[bundled]}" 0.010)"
for n in $SIZES; do
  r=$(zola_ratio "$n")
  [ -n "$r" ] || continue
  zola=$(awk "BEGIN { print ${TIME[hugo,$n]} * $r }")
  line="- N = $(thousands "$n"): Zola placed at $(secs "$zola") (Hugo's $(secs "${TIME[hugo,$n]}") × $r); explainer $(secs "${TIME[explainer,$n]}"), $(ratio "${TIME[explainer,$n]}" "$zola") Zola's time"
  case $n in
  1000) line+="; at most 40 ms: $(verdict "${TIME[explainer,$n]}" 0.040)" ;;
  10000)
    line+="; at most 400 ms: $(verdict "${TIME[explainer,$n]}" 0.400)"
    line+="; memory $(mib "${RSS[explainer,$n]}") (under 100 MiB: $(awk -v k="${RSS[explainer,$n]}" 'BEGIN { print (k < 100 * 1024) ? "met" : "missed" }')), Hugo's ÷ ours = $(ratio "${RSS[hugo,$n]}" "${RSS[explainer,$n]}") (target about 7×)"
    ;;
  esac
  echo "$line"
done
