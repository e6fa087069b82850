// Draws the bundled explainer's maps and charts as SVG files in content/, in English and Arabic:
//
//   - a locator map of Iraq with Baghdad, Erbil and the Ain al-Asad air base, the borders and the
//     neighbouring countries, from Natural Earth's 1:10m countries (public domain), which the npm
//     package world-atlas ships as TopoJSON: the page's lead picture (content/map.svg), and the same
//     map with one place picked out for the events that happened there (content/timeline/map-*.svg);
//   - a bar chart of US troop numbers in Iraq, 2020–21, from the figures the timeline's sources give
//     (../shared/reference/facts.md lists them), with the bar of each event's date picked out
//     (content/timeline/troops-*.svg).
//
// The files are committed; run this again only to change them:  node scripts/draw-media.mjs
// Place positions are rounded to 0.01° (about 1 km), which the map's scale cannot show anyway.

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { feature, mesh } = require("topojson-client");
const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const world = JSON.parse(
  readFileSync(require.resolve("world-atlas/countries-10m.json"), "utf8"),
);

// ---- words --------------------------------------------------------------------------------------

const WORDS = {
  en: {
    lang: "en",
    locale: "en-GB",
    iraq: "IRAQ",
    countries: {
      Syria: "SYRIA",
      Turkey: "TURKEY",
      Iran: "IRAN",
      Kuwait: "KUWAIT",
      "Saudi Arabia": "SAUDI ARABIA",
      Jordan: "JORDAN",
    },
    places: { baghdad: "Baghdad", erbil: "Erbil", asad: "Ain al-Asad air base" },
    km: (n) => `${n} km`,
    mapTitle: "Iraq and its neighbours",
    mapDesc: (picked) =>
      picked
        ? `A map of Iraq and its neighbours with ${picked} marked.`
        : "A map of Iraq and its neighbours with Baghdad, Erbil and the Ain al-Asad air base marked.",
    source: "Borders: Natural Earth",
    chartTitle: "US troops in Iraq",
    chartDesc:
      "About 5,200 US troops in Iraq before the cut of September 2020; more than 3,000 in November 2020; 2,500 from 15 January 2021; about 2,500 in December 2021.",
    about: (n) => `about ${n}`,
    over: (n) => `more than ${n}`,
    before: (d) => `${d}, before the cut`,
  },
  ar: {
    lang: "ar",
    locale: "ar-IQ",
    iraq: "العراق",
    countries: {
      Syria: "سوريا",
      Turkey: "تركيا",
      Iran: "إيران",
      Kuwait: "الكويت",
      "Saudi Arabia": "السعودية",
      Jordan: "الأردن",
    },
    places: { baghdad: "بغداد", erbil: "أربيل", asad: "قاعدة عين الأسد الجوية" },
    km: (n) => `${n} كم`,
    mapTitle: "العراق وجيرانه",
    mapDesc: (picked) =>
      picked
        ? `خريطة العراق وجيرانه تظهر عليها ${picked}.`
        : "خريطة العراق وجيرانه تظهر عليها بغداد وأربيل وقاعدة عين الأسد الجوية.",
    source: "الحدود: Natural Earth",
    chartTitle: "القوات الأمريكية في العراق",
    chartDesc:
      "نحو ٥٬٢٠٠ جندي أمريكي في العراق قبل خفض أيلول ٢٠٢٠؛ وأكثر من ٣٬٠٠٠ في تشرين الثاني ٢٠٢٠؛ و٢٬٥٠٠ منذ ١٥ كانون الثاني ٢٠٢١؛ ونحو ٢٬٥٠٠ في كانون الأول ٢٠٢١.",
    about: (n) => `نحو ${n}`,
    over: (n) => `أكثر من ${n}`,
    before: (d) => `${d}، قبل الخفض`,
  },
};

// ---- the map ------------------------------------------------------------------------------------

// The part of the world shown (degrees), and the size of the drawing (CSS pixels).
const WEST = 35.8;
const EAST = 51.2;
const SOUTH = 28.9;
const NORTH = 37.55;
const WIDTH = 720;
const SHRINK = Math.cos((((SOUTH + NORTH) / 2) * Math.PI) / 180);
const SCALE = WIDTH / ((EAST - WEST) * SHRINK);
const HEIGHT = Math.round((NORTH - SOUTH) * SCALE);

// Equirectangular, with longitudes shrunk by the cosine of the middle latitude: true to shape at
// this size, and the same scale everywhere to within 7%.
const project = ([lon, lat]) => [(lon - WEST) * SHRINK * SCALE, (NORTH - lat) * SCALE];

// Places: latitude, longitude, and where the label goes.
const PLACES = {
  baghdad: { at: [44.37, 33.32], label: "after" },
  erbil: { at: [44.01, 36.19], label: "after" },
  // Below its dot in English; after it (to its left) in Arabic, clear of Baghdad's label.
  // Shown small, with bigger words, above its dot.
  asad: { at: [42.44, 33.79], label: { en: "below", ar: "after" }, narrow: "above" },
};

const LABELS = {
  Syria: [38.9, 35.0],
  Turkey: [39.6, 37.25],
  Iran: [48.9, 33.6],
  Kuwait: [47.75, 29.1],
  "Saudi Arabia": [41.0, 29.5],
  Jordan: [37.3, 31.0],
};

// Sutherland–Hodgman: a ring clipped to a rectangle a little larger than the drawing, so that the
// clipped edges fall outside what is seen.
function clip(ring) {
  const m = 8;
  const edges = [
    (p) => p[0] >= -m,
    (p) => p[0] <= WIDTH + m,
    (p) => p[1] >= -m,
    (p) => p[1] <= HEIGHT + m,
  ];
  const cross = [
    (a, b) => at(a, b, (-m - a[0]) / (b[0] - a[0])),
    (a, b) => at(a, b, (WIDTH + m - a[0]) / (b[0] - a[0])),
    (a, b) => at(a, b, (-m - a[1]) / (b[1] - a[1])),
    (a, b) => at(a, b, (HEIGHT + m - a[1]) / (b[1] - a[1])),
  ];
  let out = ring;
  edges.forEach((inside, i) => {
    const input = out;
    out = [];
    input.forEach((p, j) => {
      const prev = input[(j + input.length - 1) % input.length];
      if (inside(p)) {
        if (!inside(prev)) out.push(cross[i](prev, p));
        out.push(p);
      } else if (inside(prev)) {
        out.push(cross[i](prev, p));
      }
    });
  });
  return out;
}
const at = (a, b, t) => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];

// Points closer than a pixel to the last one kept are dropped; coordinates to the pixel.
function thin(points) {
  const kept = [];
  for (const p of points) {
    const last = kept[kept.length - 1];
    if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) >= 1) kept.push(p);
  }
  return kept;
}
const xy = (p) => `${Math.round(p[0])} ${Math.round(p[1])}`;

function areaPath(geometry) {
  const polygons =
    geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  let d = "";
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const points = thin(clip(ring.map(project)));
      if (points.length >= 3) d += `M${points.map(xy).join("L")}Z`;
    }
  }
  return d;
}

function linePath(geometry) {
  let d = "";
  const inView = (p) => p[0] > -20 && p[0] < WIDTH + 20 && p[1] > -20 && p[1] < HEIGHT + 20;
  for (const line of geometry.coordinates) {
    let run = [];
    const flush = () => {
      const points = thin(run);
      if (points.length >= 2) d += `M${points.map(xy).join("L")}`;
      run = [];
    };
    for (const p of line.map(project)) {
      if (inView(p)) run.push(p);
      else flush();
    }
    flush();
  }
  return d;
}

const countries = feature(world, world.objects.countries).features;
const iraq = countries.find((c) => c.properties.name === "Iraq");
const land = countries.filter((c) => c.properties.name !== "Iraq");
const landPath = land.map((c) => areaPath(c.geometry)).join("");
const iraqPath = areaPath(iraq.geometry);
const borders = linePath(mesh(world, world.objects.countries, (a, b) => a !== b));

const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

// Colours of the page (static/style.css), light and dark.
const STYLE = `
    .sea { fill: #dde6ea } .land { fill: #ebe7df } .iraq { fill: #f6e3dc }
    .border { fill: none; stroke: #857f74; stroke-width: 1; stroke-linejoin: round }
    .iraq-edge { fill: none; stroke: #a1321c; stroke-width: 1.5; stroke-linejoin: round }
    text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans Arabic", Tahoma, Arial, sans-serif; fill: #1c1b19 }
    .country { font-size: 13px; letter-spacing: 0.12em; fill: #55514a }
    .iraq-name { font-size: 22px; font-weight: 700; letter-spacing: 0.2em; fill: #a1321c }
    .place { font-size: 16px } .picked { font-size: 19px; font-weight: 700 }
    .halo { stroke: #fdfcf9; stroke-width: 4; stroke-linejoin: round; paint-order: stroke }
    .dot { fill: #1c1b19 } .ring { fill: none; stroke: #a1321c; stroke-width: 3 }
    .scale { stroke: #1c1b19; stroke-width: 2 } .small { font-size: 12px; fill: #55514a }
    .bar { fill: #c9c2b4 } .bar-picked { fill: #a1321c } .axis { stroke: #857f74 }
    .value { font-size: 14px; font-weight: 700 } .label { font-size: 13px } .chosen { font-weight: 700 }
    .background { fill: #fdfcf9 } .narrow { display: none }
    /* Shown small (a phone, an event's column), the map's words and marks grow, so that they stay
       readable: in a picture, a media query measures the picture. */
    @media (max-width: 600px) {
      .place { font-size: 28px } .picked { font-size: 32px } .country { font-size: 20px }
      .iraq-name { font-size: 34px } .small { font-size: 20px } .halo { stroke-width: 6 }
      .dot { r: 7px } .dot.picked-dot { r: 8px } .ring { r: 17px; stroke-width: 5 }
      .border { stroke-width: 1.6 } .iraq-edge { stroke-width: 2.4 } .scale { stroke-width: 3 }
      .wide { display: none } .narrow { display: inline }
    }
    @media (prefers-color-scheme: dark) {
      .sea { fill: #1b242b } .land { fill: #2a2d31 } .iraq { fill: #3a2520 }
      .border { stroke: #8c877e } .iraq-edge { stroke: #f2937a }
      text { fill: #ebe8e1 } .country, .small { fill: #b3ada2 } .iraq-name { fill: #f2937a }
      .halo { stroke: #15171a } .dot { fill: #ebe8e1 } .ring { stroke: #f2937a }
      .scale { stroke: #ebe8e1 } .bar { fill: #4a4d52 } .bar-picked { fill: #f2937a }
      .background { fill: #15171a }
    }`;

function svgOpen(words, width, height, title, desc) {
  const rtl = words.lang === "ar" ? ' direction="rtl"' : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="title desc" xml:lang="${words.lang}"${rtl}>
  <title id="title">${escape(title)}</title>
  <desc id="desc">${escape(desc)}</desc>
  <style>${STYLE}${words.lang === "ar" ? "\n    .country, .iraq-name { letter-spacing: 0 }" : ""}
  </style>
`;
}

function map(words, picked) {
  const number = new Intl.NumberFormat(words.locale);
  const rtl = words.lang === "ar";
  let out = svgOpen(
    words,
    WIDTH,
    HEIGHT,
    words.mapTitle,
    words.mapDesc(picked && words.places[picked]),
  );
  out += `  <rect class="sea" width="${WIDTH}" height="${HEIGHT}"/>
  <path class="land" d="${landPath}"/>
  <path class="iraq" d="${iraqPath}"/>
  <path class="border" d="${borders}"/>
  <path class="iraq-edge" d="${iraqPath}"/>
`;
  for (const [name, at] of Object.entries(LABELS)) {
    const [x, y] = project(at);
    out += `  <text class="country halo" x="${x.toFixed(0)}" y="${y.toFixed(0)}" text-anchor="middle">${escape(words.countries[name])}</text>\n`;
  }
  const [ix, iy] = project([42.6, 32.3]);
  out += `  <text class="iraq-name halo" x="${ix.toFixed(0)}" y="${iy.toFixed(0)}" text-anchor="middle">${escape(words.iraq)}</text>\n`;
  for (const [id, place] of Object.entries(PLACES)) {
    const [x, y] = project(place.at);
    const isPicked = id === picked;
    if (isPicked) out += `  <circle class="ring" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="11"/>\n`;
    out += `  <circle class="dot${isPicked ? " picked-dot" : ""}" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${isPicked ? 5.5 : 4.5}"/>\n`;
    const cls = `place halo${isPicked ? " picked" : ""}`;
    const name = escape(words.places[id]);
    const text = (where, extra) => {
      // After the dot in reading order: to its right in English, to its left in Arabic.
      if (where === "after") {
        const lx = rtl ? x - 16 : x + 16;
        return `  <text class="${cls}${extra}" x="${lx.toFixed(0)}" y="${(y + 6).toFixed(0)}" text-anchor="start">${name}</text>\n`;
      }
      const ly = where === "below" ? y + 28 : y - 18;
      return `  <text class="${cls}${extra}" x="${x.toFixed(0)}" y="${ly.toFixed(0)}" text-anchor="middle">${name}</text>\n`;
    };
    const where = typeof place.label === "string" ? place.label : place.label[words.lang];
    const narrow = place.narrow ?? where;
    out += narrow === where ? text(where, "") : text(where, " wide") + text(narrow, " narrow");
  }
  // A scale bar of 200 km, at the latitude of Baghdad, in the corner where reading ends.
  const km = 200;
  const length = (km / (111.32 * SHRINK)) * SHRINK * SCALE;
  const sy = HEIGHT - 22;
  const sx = rtl ? 20 : WIDTH - 20 - length;
  out += `  <path class="scale" d="M${sx.toFixed(1)} ${sy}h${length.toFixed(1)}M${sx.toFixed(1)} ${sy - 5}v10M${(sx + length).toFixed(1)} ${sy - 5}v10"/>
  <text class="small halo" x="${(sx + length / 2).toFixed(1)}" y="${sy - 9}" text-anchor="middle">${escape(words.km(number.format(km)))}</text>
  <text class="small halo" x="${rtl ? WIDTH - 12 : 12}" y="${HEIGHT - 12}" text-anchor="start">${escape(words.source)}</text>
</svg>
`;
  return out;
}

// ---- the chart ----------------------------------------------------------------------------------

// What the timeline's sources report (facts.md, "B1"): [year, month, day or null, troops, how].
const TROOPS = [
  { id: "2020-09", date: [2020, 9], troops: 5200, how: "before" },
  { id: "2020-11", date: [2020, 11], troops: 3000, how: "over" },
  { id: "2021-01", date: [2021, 1, 15], troops: 2500, how: "exact" },
  { id: "2021-12", date: [2021, 12], troops: 2500, how: "about" },
];

function chart(words, picked) {
  const number = new Intl.NumberFormat(words.locale);
  const rtl = words.lang === "ar";
  // As wide as a phone shows it, so that its words are read at their size there.
  const width = 360;
  const row = 54;
  const top = 16;
  const height = top + row * TROOPS.length + 6;
  const barStart = 10;
  const barMax = 240;
  let out = svgOpen(words, width, height, words.chartTitle, words.chartDesc);
  out += `  <rect class="background" width="${width}" height="${height}"/>\n`;
  TROOPS.forEach((t, i) => {
    const [y, m, d] = t.date;
    const when = new Intl.DateTimeFormat(words.locale, {
      timeZone: "UTC",
      year: "numeric",
      month: "long",
      ...(d ? { day: "numeric" } : {}),
    }).format(new Date(Date.UTC(y, m - 1, d ?? 1)));
    const label = t.how === "before" ? words.before(when) : when;
    const n = number.format(t.troops);
    const value = t.how === "about" || t.how === "before" ? words.about(n) : t.how === "over" ? words.over(n) : n;
    const length = (t.troops / 5200) * barMax;
    const y0 = top + i * row;
    const bx = rtl ? width - barStart - length : barStart;
    const isPicked = t.id === picked;
    out += `  <text class="label${isPicked ? " chosen" : ""}" x="${rtl ? width - barStart : barStart}" y="${y0 + 14}" text-anchor="start">${escape(label)}</text>\n`;
    out += `  <rect class="${isPicked ? "bar-picked" : "bar"}" x="${bx.toFixed(1)}" y="${y0 + 20}" width="${length.toFixed(1)}" height="20" rx="2"/>\n`;
    const vx = rtl ? bx - 8 : bx + length + 8;
    out += `  <text class="value" x="${vx.toFixed(1)}" y="${y0 + 35}" text-anchor="start">${escape(value)}</text>\n`;
  });
  out += "</svg>\n";
  return out;
}

// ---- the files ----------------------------------------------------------------------------------

const files = [];
for (const [lang, words] of Object.entries(WORDS)) {
  const ext = lang === "en" ? "svg" : `${lang}.svg`;
  files.push([`content/map.${ext}`, map(words, null)]);
  for (const place of ["baghdad", "erbil"]) {
    files.push([`content/timeline/map-${place}.${ext}`, map(words, place)]);
  }
  for (const t of ["2020-09", "2021-01", "2021-12"]) {
    files.push([`content/timeline/troops-${t}.${ext}`, chart(words, t)]);
  }
}
for (const [path, svg] of files) {
  writeFileSync(join(repo, path), svg);
  console.log(`${path}: ${(svg.length / 1024).toFixed(1)} KB`);
}
