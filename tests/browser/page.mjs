// Runs one browser check (by name) against the published page, built and served under a sub-path,
// or against one of its editions (`ar/`: the Arabic edition).
// Usage: node tests/browser/page.mjs a11y|network|budget|nojs|keyboard|motion|print|spacing|rtl|phone|popovers|overview [ar/]
// (tests/browser.rs runs each as its own test.)
import { launch } from "./lib.mjs";
import { publishedSite } from "./site.mjs";
import * as checks from "./checks.mjs";
import { overviewProblems } from "./overview.mjs";

export const CHECKS = {
  // The broken copies (broken.mjs, `once`) are scanned at the narrowest width only, in both schemes:
  // each breaks something that shows there, and the published page is scanned at every width.
  async a11y(browser, url, { once = false } = {}) {
    const problems = [];
    for (const size of once ? checks.SIZES.slice(-1) : checks.SIZES) {
      for (const scheme of checks.SCHEMES) {
        problems.push(...await checks.axeProblems(browser, url, { ...size, scheme }));
      }
    }
    // The not-found page the host serves for any missing address, at the narrowest width.
    for (const scheme of checks.SCHEMES) {
      const notFound = await checks.axeProblems(browser, new URL("no-such-page", url).href, { ...checks.SIZES[2], scheme });
      problems.push(...notFound.map((p) => `404 page: ${p}`));
    }
    return problems;
  },
  network: (browser, url) => checks.networkProblems(browser, url),
  async budget(browser, url) {
    const { problems, measured } = await checks.budgetProblems(browser, url);
    console.log(`page weight (gzip bytes): ${JSON.stringify(measured)}`);
    return problems;
  },
  nojs: (browser, url) => checks.noScriptProblems(browser, url),
  // The broken copies (broken.mjs, `once`) are walked at one size only, to keep the suite quick.
  async keyboard(browser, url, { once = false } = {}) {
    const problems = await checks.keyboardProblems(browser, url, { width: 1280, height: 800 });
    if (!once) problems.push(...await checks.keyboardProblems(browser, url, { width: 390, height: 844 }));
    return problems;
  },
  motion: (browser, url) => checks.motionProblems(browser, url),
  print: (browser, url) => checks.printProblems(browser, url),
  spacing: (browser, url) => checks.spacingProblems(browser, url),
  rtl: (browser, url) => checks.rtlProblems(browser, url),
  phone: (browser, url) => checks.phoneProblems(browser, url),
  async popovers(browser, url, { once = false } = {}) {
    const problems = await checks.popoverProblems(browser, url, { width: 1280, height: 800 });
    if (!once) problems.push(...await checks.popoverProblems(browser, url, { width: 320, height: 640 }));
    return problems;
  },
  async overview(browser, url, { once = false } = {}) {
    const problems = await overviewProblems(browser, url, { width: 1280, height: 800 });
    if (!once) problems.push(...await overviewProblems(browser, url, { width: 320, height: 640 }));
    return problems;
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const name = process.argv[2];
  if (!CHECKS[name]) throw new Error(`unknown check ${name}; one of ${Object.keys(CHECKS).join(", ")}`);
  const site = await publishedSite();
  const browser = await launch();
  try {
    const url = new URL(process.argv[3] || "", site.url).href;
    checks.report(name, await CHECKS[name](browser, url));
  } finally {
    await browser.close();
    site.stop();
  }
}
