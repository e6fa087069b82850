// The Arabic edition of a bilingual explainer (tests/fixtures/basic with tests/fixtures/editions/arabic
// over it), built for a sub-path and served as GitHub Pages would: axe finds nothing at every width in
// both colour schemes, and the page is mirrored (`rtlProblems`). The English page of the same build
// must fail the mirror check, or the check proves nothing.
// Usage: node tests/browser/editions.mjs
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch } from "./lib.mjs";
import { staticSite } from "./site.mjs";
import * as checks from "./checks.mjs";

const root = mkdtempSync(join(tmpdir(), "explainer-editions-"));
cpSync(join(process.env.FIXTURES, "basic"), root, { recursive: true });
cpSync(join(process.env.FIXTURES, "editions/arabic"), root, { recursive: true });
const site = await staticSite(root);
const browser = await launch();
try {
  const arabic = new URL("ar/", site.url).href;
  const problems = [];
  for (const size of checks.SIZES) {
    for (const scheme of checks.SCHEMES) {
      problems.push(...(await checks.axeProblems(browser, arabic, { ...size, scheme })).map((p) => `ar/: ${p}`));
    }
  }
  problems.push(...(await checks.rtlProblems(browser, arabic)).map((p) => `ar/: ${p}`));
  const english = await checks.rtlProblems(browser, site.url);
  for (const expected of ["is not right to left", "rail is not at the right", "rule is not on the right", "text does not start at the right"]) {
    if (!english.some((p) => p.includes(expected))) problems.push(`the mirror check did not find "${expected}" on the English page: ${english.join("; ")}`);
  }
  checks.report("editions", problems);
} finally {
  await browser.close();
  site.stop();
  rmSync(root, { recursive: true, force: true });
}
