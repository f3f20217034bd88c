// Generates the Prisma client for the database DATABASE_URL points at (SQLite by default).
// Prisma needs a literal provider in the schema, so for PostgreSQL a variant of prisma/schema.prisma
// is written to prisma/postgresql/schema.prisma (git-ignored) and generated from there.
// Runs offline: PRISMA_SCHEMA_ENGINE_BINARY points at a script that refuses to run (see no-schema-engine.sh).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const url = (process.env.DATABASE_URL || "file:./data/console.db").trim();
const provider = /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
const marker = path.join(root, "lib/generated/prisma/.provider");
const schemaSrc = path.join(root, "prisma/schema.prisma");
const force = process.argv.includes("--force");

const stamp = `${provider}:${fs.statSync(schemaSrc).mtimeMs}`;
if (!force && fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === stamp) process.exit(0);

let schemaPath = schemaSrc;
if (provider === "postgresql") {
  const text = fs
    .readFileSync(schemaSrc, "utf8")
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace('output                 = "../lib/generated/prisma"', 'output                 = "../../lib/generated/prisma"');
  fs.mkdirSync(path.join(root, "prisma/postgresql"), { recursive: true });
  schemaPath = path.join(root, "prisma/postgresql/schema.prisma");
  fs.writeFileSync(schemaPath, text);
}
const prismaBin = path.join(root, "node_modules/prisma/build/index.js");
execFileSync(process.execPath, [prismaBin, "generate", "--schema", schemaPath], {
  stdio: ["ignore", "ignore", "inherit"],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, "scripts/db/no-schema-engine.sh"),
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
fs.writeFileSync(marker, stamp);
console.log(`[mip6] Prisma client generated for ${provider}`);
