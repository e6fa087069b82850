#!/usr/bin/env bash
# Photos at build time, explainer beside Hugo (Debian's package, the extended edition, which encodes
# WebP), on the same N newsroom photos (4000×3000 JPEGs, EXIF orientation 6, made by
# `cargo run --release --example photos`), in one run on this machine:
#   - the first build, with no image cache (explainer's .explainer-cache/, Hugo's resources/_gen/);
#   - a rebuild with the cache warm;
#   - explainer's build of the same site without the photos, which the warm rebuild should be close to.
# Both make the same six widths (320 to 1600 pixels) in WebP (quality 72) and JPEG (quality 78).
#
#   scripts/bench-images.sh                  # 50 photos; about 10 minutes on 2 cores
#   N=10 COLD_RUNS=1 RUNS=5 scripts/bench-images.sh
# Installs what is missing: hugo and hyperfine with apt-get. Files go to WORK (a new temporary
# folder unless set) and are left there.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
N=${N:-50}
COLD_RUNS=${COLD_RUNS:-3}
RUNS=${RUNS:-10}
WORK=${WORK:-$(mktemp -d)}
HUGO=/usr/bin/hugo

missing=()
[ -x "$HUGO" ] || missing+=(hugo)
command -v hyperfine >/dev/null || missing+=(hyperfine)
if ((${#missing[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

cargo build --release --quiet
explainer="$repo/target/release/explainer"
cargo run --release --quiet --example photos -- "$N" "$WORK/photos"

# explainer: the test suite's small explainer, with the photos in one section, and without them.
for site in with-photos without-photos; do
  rm -rf "${WORK:?}/$site"
  cp -r tests/fixtures/basic "$WORK/$site"
done
mkdir -p "$WORK/with-photos/content/photos"
cp "$WORK"/photos/*.jpg "$WORK/with-photos/content/photos/"
for photo in "$WORK"/photos/*.jpg; do
  name=$(basename "$photo")
  printf '\n![A convoy on a desert road, %s](photos/%s)\n' "$name" "$name" >> "$WORK/with-photos/content/what-happened.md"
done

# Hugo: the same photos as assets, each resized to the six widths in both formats on the home page.
rm -rf "$WORK/hugo"
mkdir -p "$WORK/hugo/assets/photos" "$WORK/hugo/layouts" "$WORK/hugo/content"
cp "$WORK"/photos/*.jpg "$WORK/hugo/assets/photos/"
printf 'baseURL = "http://example.org/"\ntitle = "Photos"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n' > "$WORK/hugo/hugo.toml"
cat > "$WORK/hugo/layouts/index.html" <<'HTML'
<!doctype html><title>Photos</title>
{{ range resources.Match "photos/*.jpg" }}{{ $photo := . }}<picture>
{{ range slice 320 480 640 960 1280 1600 }}<source srcset="{{ ($photo.Resize (printf "%dx webp q72" .)).RelPermalink }}"><img src="{{ ($photo.Resize (printf "%dx jpg q78" .)).RelPermalink }}" alt="">{{ end }}
</picture>{{ end }}
HTML

echo "explainer $("$explainer" --version), $("$HUGO" version | cut -d' ' -f1-2), $N photos, $(nproc) cores"
hyperfine --runs "$COLD_RUNS" --export-markdown "$WORK/cold.md" \
  --prepare "rm -rf '$WORK/with-photos/.explainer-cache'" \
  -n "explainer, first build" "$explainer build --root '$WORK/with-photos' --output '$WORK/out-explainer'" \
  --prepare "rm -rf '$WORK/hugo/resources' '$WORK/hugo/public'" \
  -n "Hugo, first build" "$HUGO --quiet --source '$WORK/hugo'"
hyperfine --warmup 2 --runs "$RUNS" -N --export-markdown "$WORK/warm.md" \
  -n "explainer, cache warm" "$explainer build --root '$WORK/with-photos' --output '$WORK/out-explainer'" \
  -n "explainer, no photos" "$explainer build --root '$WORK/without-photos' --output '$WORK/out-plain'" \
  -n "Hugo, cache warm" "$HUGO --quiet --source '$WORK/hugo'"
cat "$WORK/cold.md" "$WORK/warm.md"
echo "files: $WORK"
