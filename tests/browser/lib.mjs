// Shared pieces of the browser tests: Debian's Chromium through playwright-core, a fixture site in a
// temporary folder, and `explainer serve` started on a free port.
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** Copies a fixture (a folder under tests/fixtures) into a fresh temporary folder. */
export function copyFixture(name) {
  const dir = mkdtempSync(join(tmpdir(), "explainer-browser-"));
  cpSync(join(process.env.FIXTURES, name), dir, { recursive: true });
  return { root: dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts `explainer serve --port 0` and resolves with its URL once it is listening. */
export function serve(root, args = []) {
  const child = spawn(process.env.EXPLAINER_BIN, ["serve", "--root", root, "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr.resume();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("serve did not print its URL")), 10000);
    createInterface({ input: child.stdout }).on("line", (line) => {
      const found = line.match(/^Serving the explainer at (\S+)/);
      if (found) {
        clearTimeout(timer);
        resolve({ url: found[1], stop: () => child.kill() });
      }
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}
