// Is the production build current? A hash over everything that goes into `next build` is stored in the
// dist dir after a successful build; `npm start` rebuilds only when it differs (or the build is missing).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const SOURCE_DIRS = ["app", "components", "lib", "public"];
const SOURCE_FILES = [
  "package.json",
  "package-lock.json",
  "next.config.ts",
  "tsconfig.json",
  "postcss.config.mjs",
  "proxy.ts",
  "middleware.ts",
  "instrumentation.ts",
  "prisma/schema.prisma",
];
const HASH_FILE = ".mip6-build-hash";

function walk(dir: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // The generated client follows prisma/schema.prisma and the provider, both hashed below.
      if (p.endsWith(path.join("lib", "generated"))) continue;
      walk(p, out);
    } else if (entry.isFile() && !/\.test\.tsx?$/.test(entry.name)) {
      out.push(p);
    }
  }
}

/** Only compilerOptions shape the bundle; `next build` appends its own dist dirs to "include" as it likes. */
function tsconfigOptions(file: string): string {
  const text = fs.readFileSync(file, "utf8");
  try {
    return JSON.stringify((JSON.parse(text) as { compilerOptions?: unknown }).compilerOptions ?? null);
  } catch {
    return text;
  }
}

export function sourceHash(root: string): string {
  const files: string[] = [];
  for (const d of SOURCE_DIRS) walk(path.join(root, d), files);
  for (const f of SOURCE_FILES) if (fs.existsSync(path.join(root, f))) files.push(path.join(root, f));
  files.sort();
  const h = crypto.createHash("sha256");
  // The generated Prisma client differs per provider, and the build bundles it.
  h.update(`provider:${/^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL ?? "") ? "postgresql" : "sqlite"}\n`);
  for (const f of files) {
    h.update(path.relative(root, f));
    h.update("\0");
    h.update(path.basename(f) === "tsconfig.json" ? tsconfigOptions(f) : fs.readFileSync(f));
    h.update("\0");
  }
  return h.digest("hex");
}

export function buildIsCurrent(root: string, distDir: string, hash: string): boolean {
  const dist = path.resolve(root, distDir);
  const stamp = path.join(dist, HASH_FILE);
  return (
    fs.existsSync(path.join(dist, "BUILD_ID")) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === hash
  );
}

export function recordBuildHash(root: string, distDir: string, hash: string): void {
  fs.writeFileSync(path.join(path.resolve(root, distDir), HASH_FILE), `${hash}\n`);
}
