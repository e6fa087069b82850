// Planted markup (issue 29), tried where it would run: in Chromium. Each case plants a payload that
// sets window.__pwned (or opens a dialog) if it runs. A case the build accepts is loaded — the page,
// or a drawing opened on its own — and nothing may run; a case the build refuses must stop with
// exit code 1 and write no page. Which cases are refused is part of the test: a payload that
// builds where it should have been refused fails it too.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { check, copyFixture, launch } from "./lib.mjs";

const RUN = (n) => `window.__pwned = ${n}`;
const HEADING = (n) => `### Analysis — “€5bn” {tabindex=0 autofocus onfocus="${RUN(n)}"}`;

const append = (root, rel, text) =>
  writeFileSync(join(root, rel), `${readFileSync(join(root, rel), "utf8")}\n${text}\n`);

const ARABIC = join(process.env.FIXTURES, "editions", "arabic");

// Each case: what it plants, and whether the build must refuse it.
const CASES = [
  {
    name: "a heading's attributes in a section",
    refused: true,
    plant: (root) => append(root, "content/what-happened.md", HEADING(1)),
  },
  {
    name: "a heading's attributes in an event",
    refused: true,
    plant: (root) => append(root, "content/timeline/2021-12-09-later.md", HEADING(2).replace("###", "####")),
  },
  {
    name: "a heading's attributes in a translation",
    refused: true,
    plant: (root) => {
      execFileSync("cp", ["-r", `${ARABIC}/content/.`, join(root, "content")]);
      append(root, "content/what-happened.ar.md", HEADING(3));
    },
  },
  {
    name: "a heading's attributes in a sheet's plain Text cell, imported",
    refused: true,
    plant: (root) => {
      const cell = `"${HEADING(4).replaceAll('"', '""')}"`;
      writeFileSync(
        join(root, "sheet.csv"),
        `Year,Month,Day,Headline,Text,Source\n2021,7,26,From the sheet,${cell},wire-one\n`,
      );
      execFileSync(process.env.EXPLAINER_BIN, ["import", "timelinejs", join(root, "sheet.csv"), "--root", root], {
        stdio: "ignore",
      });
    },
  },
  {
    name: "a base URL that breaks out of its attribute",
    refused: true,
    plant: (root) => {
      const page = join(root, "content/_index.md");
      const text = readFileSync(page, "utf8").replace(
        "description:",
        `base_url: 'https://x.github.io/r"><img src=x onerror="${RUN(5)}">/'\ndescription:`,
      );
      writeFileSync(page, text);
    },
  },
  {
    name: "a site's interface words",
    refused: false,
    plant: (root) => {
      mkdirSync(join(root, "locales"), { recursive: true });
      writeFileSync(
        join(root, "locales/en.ftl"),
        `citation = <img src=x alt="" onerror="${RUN(6)}">\n` +
          `list-separator = <img src=y alt="" onerror="${RUN(7)}">\n` +
          `citation-range = <svg onload="${RUN(8)}"></svg>\n`,
      );
      // Citations that use all three: a group, and a range of three.
      append(root, "content/what-happened.md", "Both sources [@wire-one; @wire-two] agree.");
    },
  },
  {
    name: "an SVG in static/ that the page only links to, opened on its own",
    refused: false,
    open: "maps/iraq.svg",
    plant: (root) => {
      mkdirSync(join(root, "static/maps"), { recursive: true });
      writeFileSync(
        join(root, "static/maps/iraq.svg"),
        `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="${RUN(9)}">` +
          `<script>${RUN(10)}</script><style><!--</style-->@import url(https://tracker.example/a.css);</style>` +
          `<a href="javascript:${RUN(11)}"><text y="5">بغداد</text></a></svg>`,
      );
      append(root, "content/what-happened.md", "See [the map](maps/iraq.svg).");
    },
  },
];

const browser = await launch();
try {
  for (const c of CASES) {
    const site = copyFixture("basic");
    try {
      c.plant(site.root);
      const run = spawnSync(process.env.EXPLAINER_BIN, ["build", "--root", site.root], { encoding: "utf8" });
      const page = join(site.root, "public", "index.html");
      if (c.refused) {
        check(run.status === 1, `${c.name}: the build must refuse it, but exited with ${run.status}:\n${run.stderr}`);
        check(!existsSync(page), `${c.name}: a page was written`);
        continue;
      }
      check(run.status === 0, `${c.name}: the build failed:\n${run.stderr}`);
      const tab = await browser.newPage();
      const dialogs = [];
      const outside = [];
      tab.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        dialog.dismiss().catch(() => {});
      });
      await tab.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith("file:")) return route.continue();
        outside.push(url);
        return route.abort();
      });
      const url = pathToFileURL(join(site.root, "public", c.open ?? "index.html")).href;
      await tab.goto(url, { waitUntil: "load" });
      await tab.waitForTimeout(300);
      // Give focus and clicks their chance: autofocus, onfocus, a link's javascript: address.
      await tab.keyboard.press("Tab").catch(() => {});
      await tab.mouse.click(5, 5).catch(() => {});
      if (c.open) {
        for (const link of await tab.$$("a")) {
          await link.click({ timeout: 500 }).catch(() => {});
        }
      }
      const pwned = await tab.evaluate(() => window.__pwned).catch(() => undefined);
      await tab.close();
      check(dialogs.length === 0, `${c.name}: a dialog opened: ${dialogs}`);
      check(pwned === undefined, `${c.name}: the payload ran (window.__pwned = ${pwned})`);
      check(outside.length === 0, `${c.name}: it asked other sites: ${outside}`);
    } finally {
      site.remove();
    }
  }
  console.log(`${CASES.length} planted cases: the build refused ${CASES.filter((c) => c.refused).length}, and nothing ran in the others`);
} finally {
  await browser.close();
}
