// Script-injection payloads in every front-matter text field and in Markdown bodies: the built page,
// loaded in Chromium, runs none of them (no dialog, no global variable set, no navigation) and still
// shows the words that were written.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { check, copyFixture, launch } from "./lib.mjs";

// Each payload, if it ran, would set window.__pwned, open a dialog or navigate.
const PAYLOADS = [
  `<script>window.__pwned = 1</script>`,
  `<img src=x alt="pic" onerror="window.__pwned = 2">`,
  `"><svg onload="window.__pwned = 3">`,
  `'><script>alert(4)</script>`,
  `</title><script>window.__pwned = 5</script>`,
  `</script><script>window.__pwned = 6</script>`,
  `<iframe srcdoc="<script>parent.__pwned = 7</script>"></iframe>`,
  `<a href="javascript:window.__pwned = 8">click</a>`,
  `<details open ontoggle="window.__pwned = 9">x</details>`,
  `<body onload="window.__pwned = 10">`,
  `<svg><script>window.__pwned = 11</script></svg>`,
  `<input autofocus onfocus="window.__pwned = 12">`,
  `<video><source onerror="window.__pwned = 13"></video>`,
  `<object data="javascript:window.__pwned = 14"></object>`,
  `<embed src="data:text/html,<script>parent.__pwned = 15</script>">`,
  `<math><mtext><table><mglyph><style><img src=x alt="pic" onerror="window.__pwned = 16">`,
  `<noscript><p title="</noscript><img src=x alt=pic onerror=window.__pwned=17>">`,
  `<style>*{background:url("javascript:window.__pwned=18")}</style>`,
  `<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=19">`,
  `<base href="javascript:window.__pwned=20//">`,
  `<form><button formaction="javascript:window.__pwned=21">go</button></form>`,
  `{{ 7 * 7 }}{% raw %}<script>window.__pwned = 22</script>`,
  `<img alt="pic" src="x\` onerror="window.__pwned = 23">`,
  `<<script>script>window.__pwned = 24<</script>/script>`,
];

// JSON strings are YAML strings: every payload lands in the field exactly as written.
const q = (text) => JSON.stringify(text);

function writeSite(root, p) {
  const content = join(root, "content");
  writeFileSync(join(content, "_index.md"), `---
title: ${q(`Title ${p}`)}
label: ${q(`Label ${p}`)}
standfirst: ${q(`Standfirst ${p} [@wire-one]`)}
description: ${q(`Description ${p}`)}
authors:
  - name: ${q(`Author ${p}`)}
dateline: ${q(`Dateline ${p}`)}
published: 2021-07-27T09:00:00-04:00
site_name: ${q(`Site ${p}`)}
publisher:
  name: ${q(`Publisher ${p}`)}
base_url: https://example.com/explainer/
image_alt: ${q(`Alt ${p}`)}
key_points:
  - ${q(`Point ${p} [@wire-two]`)}
  - ${q(`Second point ${p}`)}
  - ${q(`Third point ${p}`)}
corrections:
  - date: 2021-07-28
    text: ${q(`Correction ${p}`)}
---
`);
  writeFileSync(join(content, "what-happened.md"), `---
title: ${q(`Section ${p}`)}
weight: 10
quotes:
  - text: ${q(`Quote ${p}`)}
    speaker: ${q(`Speaker ${p}`)}
    role: ${q(`Role ${p}`)}
    occasion: ${q(`Occasion ${p}`)}
    date: 2021-07-26
    source: wire-one
---
Body before ${p} body after [@wire-one; @wire-two].

${p}

### Heading ${p}
`);
  writeFileSync(join(content, "sources.md"), `---
title: ${q(`Sources ${p}`)}
weight: 90
kind: sources
sources:
  - id: wire-one
    outlet: ${q(`Outlet ${p}`)}
    author: ${q(`Writer ${p}`)}
    title: ${q(`Report ${p}`)}
    date: 2021-07-26
    url: https://example.com/one
  - id: wire-two
    outlet: Wire Two
    title: "Another report"
    date: 2021-07
    url: https://example.com/two
---
`);
  writeFileSync(join(content, "timeline", "2017-07-middle.md"), `---
date: 2017-07
title: ${q(`Event ${p}`)}
era: before
sources: [wire-one, wire-two]
---
Event body ${p}
`);
}

// Titles and names get typographic quotes and dashes (smart punctuation); compare them straightened.
const straight = (text) => text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/–/g, "--").replace(/—/g, "---");

const site = copyFixture("basic");
const browser = await launch();
const refused = [];
try {
  for (const [i, payload] of PAYLOADS.entries()) {
    writeSite(site.root, payload);
    const where = `payload ${i + 1} ${JSON.stringify(payload)}`;
    // A payload the build calls an error (a script address in a link) is refused whole: nothing is
    // published, and the message names the address. Any other is published and must run nothing.
    rmSync(join(site.root, "public"), { recursive: true, force: true });
    try {
      execFileSync(process.env.EXPLAINER_BIN, ["build", "--root", site.root], { stdio: ["ignore", "ignore", "pipe"] });
    } catch (err) {
      const said = String(err.stderr);
      check(err.status === 1 && /error: .* is not a web page or a file of this explainer/.test(said), `${where}: the build failed without naming the address:\n${said}`);
      check(!existsSync(join(site.root, "public")), `${where}: a refused build published a page`);
      refused.push(i + 1);
      continue;
    }
    const page = await browser.newPage();
    const dialogs = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      dialog.dismiss().catch(() => {});
    });
    const url = pathToFileURL(join(site.root, "public", "index.html")).href;
    await page.goto(url, { waitUntil: "load" });
    // Give event handlers (onerror, onfocus, ontoggle) their chance to run.
    await page.waitForTimeout(300);
    await page.focus("body").catch(() => {});
    const state = await page.evaluate(() => ({
      pwned: window.__pwned,
      href: location.href,
      title: document.title,
      h1: document.querySelector("h1")?.textContent ?? "",
      text: document.body.innerText,
    }));
    await page.close();
    check(dialogs.length === 0, `${where}: a dialog opened: ${dialogs}`);
    check(state.pwned === undefined, `${where}: the payload ran (window.__pwned = ${state.pwned})`);
    check(state.href === url, `${where}: the page navigated to ${state.href}`);
    // Plain-text fields show the payload as the text that was written.
    check(straight(state.h1) === `Title ${payload}`, `${where}: the headline reads ${JSON.stringify(state.h1)}`);
    check(straight(state.title).includes(`Title ${payload}`), `${where}: the document title reads ${JSON.stringify(state.title)}`);
    for (const words of ["Author ", "Dateline ", "Speaker ", "Outlet ", "Event ", "Body before"]) {
      check(state.text.includes(words), `${where}: "${words}" is missing from the page text`);
    }
    check(straight(state.text).includes(`Speaker ${payload}`), `${where}: the speaker's name is not shown as written`);
  }
  check(refused.length < PAYLOADS.length / 2, `most payloads must reach a page to prove it inert; refused: ${refused}`);
  console.log(`${PAYLOADS.length} payloads in every field: ${refused.length} refused by the build (${refused.join(", ")}), none of the rest ran, their text reads as written`);
} finally {
  await browser.close();
  site.remove();
}
