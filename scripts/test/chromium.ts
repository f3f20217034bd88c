// The end-to-end tests drive Debian's Chromium (Playwright's own browser downloads cannot work here).
// A fresh machine has none: as root we install it with apt, otherwise we say exactly what to run.
import { execSync } from "node:child_process";
import fs from "node:fs";

export const CHROMIUM_PATH = "/usr/bin/chromium";

export function ensureChromium(): { ok: true } | { ok: false; message: string } {
  if (fs.existsSync(CHROMIUM_PATH)) return { ok: true };
  if (typeof process.getuid === "function" && process.getuid() === 0) {
    console.log(`[test] ${CHROMIUM_PATH} is missing: installing Debian's chromium with apt-get`);
    try {
      execSync("apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium", { stdio: "inherit" });
    } catch {
      return { ok: false, message: "apt-get install -y chromium failed; the end-to-end tests need Debian's Chromium" };
    }
    if (fs.existsSync(CHROMIUM_PATH)) return { ok: true };
    return { ok: false, message: `chromium was installed but ${CHROMIUM_PATH} does not exist` };
  }
  return {
    ok: false,
    message: `${CHROMIUM_PATH} is missing. Install Debian's Chromium as root: apt-get update && apt-get install -y chromium`,
  };
}
