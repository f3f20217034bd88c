// Writes prisma/migrations/<provider>/<NNNN_name>/migration.sql for both providers: the diff from the
// schema recorded with the latest migration (schema.prisma beside it) to prisma/schema.prisma.
// Usage: npm run db:make-migration -- <name>   (  --replace-last  regenerates the newest migration)
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { withEngine, readSchema } from "@/lib/db/schema-engine";
import { migrationsDir } from "@/lib/db/migrate";
import type { DbProvider } from "@/lib/db/provider";

const args = process.argv.slice(2);
const replaceLast = args.includes("--replace-last");
const name = args.find((a) => !a.startsWith("--")) ?? "change";

async function main() {
  // The engine needs an adapter to exist; diffs between datamodels never touch the database.
  const scratch = path.join(os.tmpdir(), `mip6-diff-${process.pid}.db`);
  for (const provider of ["sqlite", "postgresql"] as DbProvider[]) {
    const dir = migrationsDir(provider);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration_lock.toml"), `provider = "${provider}"\n`);
    let existing = fs.readdirSync(dir).filter((d) => /^\d{4}_/.test(d)).sort();
    if (replaceLast && existing.length) {
      fs.rmSync(path.join(dir, existing[existing.length - 1]), { recursive: true });
      existing = existing.slice(0, -1);
    }
    const last = existing[existing.length - 1];
    const target = readSchema(provider);
    const from = last
      ? { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: fs.readFileSync(path.join(dir, last, "schema.prisma"), "utf8") }] }
      : { tag: "empty" };
    const sql = await withEngine(`file:${scratch}`, async (engine) => {
      const res = await engine.diff({
        from,
        to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: target }] },
        script: true,
        exitCode: null,
        shadowDatabaseUrl: null,
        filters: { externalTables: [], externalEnums: [] },
      });
      return res.stdout ?? "";
    });
    if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
      console.log(`${provider}: no changes`);
      continue;
    }
    const folder = `${String(existing.length + 1).padStart(4, "0")}_${name.replace(/[^a-z0-9_]/gi, "_")}`;
    fs.mkdirSync(path.join(dir, folder));
    fs.writeFileSync(path.join(dir, folder, "migration.sql"), sql);
    fs.writeFileSync(path.join(dir, folder, "schema.prisma"), target);
    console.log(`${provider}: wrote ${path.relative(process.cwd(), path.join(dir, folder))}`);
  }
  fs.rmSync(scratch, { force: true });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
