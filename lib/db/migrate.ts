import fs from "node:fs";
import path from "node:path";
import { withEngine } from "./schema-engine";
import { databaseUrl } from "./provider";

export function migrationsDir(provider: string): string {
  return path.join(process.cwd(), "prisma", "migrations", provider);
}

function migrationsList(provider: string) {
  const baseDir = migrationsDir(provider);
  const dirs = fs.existsSync(baseDir)
    ? fs.readdirSync(baseDir).filter((d) => fs.existsSync(path.join(baseDir, d, "migration.sql"))).sort()
    : [];
  const lockPath = path.join(baseDir, "migration_lock.toml");
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((d) => ({
      path: d,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: fs.readFileSync(path.join(baseDir, d, "migration.sql"), "utf8") } },
    })),
  };
}

/** Apply every migration in prisma/migrations/<provider>/ not yet recorded in _prisma_migrations. */
export async function applyMigrations(url = databaseUrl()): Promise<string[]> {
  return withEngine(url, async (engine, provider) => {
    const out = await engine.applyMigrations({
      migrationsList: migrationsList(provider),
      filters: { externalTables: [], externalEnums: [] },
    });
    return out.appliedMigrationNames;
  });
}
