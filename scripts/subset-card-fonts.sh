#!/usr/bin/env bash
# Rebuilds the four fonts the social card is drawn with, src/assets/fonts/*.subset.ttf, from Debian's
# fonts-noto-core package (SIL Open Font License 1.1, no reserved font names).
#
# Noto Serif Bold (the headline) and Noto Sans Bold (the label and the date line) keep Latin (Basic,
# Latin-1, Extended-A and Additional, which covers transliterations such as al-Kadhimi or Ḥaydar),
# typographic punctuation and the euro sign. Noto Naskh Arabic Bold and Noto Sans Arabic Bold, which
# the card falls back to, keep the Arabic block (Arabic, Persian, Kurdish and Urdu letters, marks and
# Arabic-Indic digits), its presentation forms, and the joiners, with every layout feature, which is
# what shapes Arabic. Hinting is dropped because the card is drawn at display sizes.
#
# Usage: scripts/subset-card-fonts.sh   (needs apt-get, dpkg-deb and python3 with venv)
set -euo pipefail
cd "$(dirname "$0")/.."

NOTO_VERSION=20201225-1
FONTTOOLS_VERSION=4.68.0
UNICODES="U+0020-007E,U+00A0-00FF,U+0100-017F,U+0218-021B,U+02BB-02BF,U+02C6,U+02DC,U+1E00-1EFF,\
U+2010-2015,U+2018-201E,U+2020-2022,U+2026,U+2032-2033,U+2039-203A,U+20AC,U+2122"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && apt-get download "fonts-noto-core=$NOTO_VERSION")
dpkg-deb -x "$work"/fonts-noto-core_*.deb "$work/deb"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "fonttools==$FONTTOOLS_VERSION"

ARABIC="U+0020-0040,U+005B-0060,U+007B-007E,U+00A0,U+00AB,U+00BB,U+0600-06FF,U+0750-077F,\
U+200C-200F,U+2010-2015,U+2018-201E,U+2026,U+FB50-FDFF,U+FE70-FEFF"

noto="$work/deb/usr/share/fonts/truetype/noto"
subset() { # font, unicodes, layout features
  "$work/venv/bin/pyftsubset" "$noto/$1.ttf" \
    --unicodes="$2" \
    --layout-features="$3" \
    --no-hinting --desubroutinize \
    --name-IDs='*' \
    --output-file="src/assets/fonts/$1.subset.ttf"
}
for font in NotoSerif-Bold NotoSans-Bold; do
  subset "$font" "$UNICODES" 'kern,liga'
done
for font in NotoNaskhArabic-Bold NotoSansArabic-Bold; do
  subset "$font" "$ARABIC" '*'
done
ls -l src/assets/fonts/*.subset.ttf
