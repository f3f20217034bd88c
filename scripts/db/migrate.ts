import { applyMigrations } from "@/lib/db/migrate";
import { databaseUrl, providerOf } from "@/lib/db/provider";

const url = databaseUrl();
applyMigrations(url)
  .then((names) => {
    console.log(`migrations (${providerOf(url)}): ${names.length ? `applied ${names.join(", ")}` : "up to date"}`);
  })
  .catch((e) => {
    console.error(`migration failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
