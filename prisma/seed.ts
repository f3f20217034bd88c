// `npm run db:seed`: load the demo data into the database DATABASE_URL points at (migrating it first).
// Refuses a database that already has providers or subscribers: the demo is a starting world, not a merge.
import { applyMigrations } from "@/lib/db/migrate";
import { disconnectDb, getDb } from "@/lib/db/client";
import { databaseUrl, providerOf } from "@/lib/db/provider";
import { seedDemo } from "@/lib/services/demo-seed";

async function main(): Promise<number> {
  const url = databaseUrl();
  await applyMigrations(url);
  const db = getDb();
  // As in scripts/start.ts: write-ahead logging for the file.
  if (providerOf(url) === "sqlite") await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  if ((await db.provider.count()) > 0 || (await db.subscriber.count()) > 0) {
    console.error("db:seed: the database already has providers or subscribers; the demo is only loaded into an empty one");
    return 1;
  }
  const t0 = Date.now();
  const s = await seedDemo({ log: (m) => console.log(`[mip6] ${m}`) });
  console.log(
    `[mip6] demo data loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${s.providers} providers, ${s.homeAgents} home agents, ` +
      `${s.prefixes} prefixes, ${s.subscribers} subscribers, ${s.sessions} sessions; credentials in ${s.credentialsFile}`,
  );
  return 0;
}

main()
  .then(async (code) => {
    await disconnectDb();
    process.exit(code);
  })
  .catch(async (e) => {
    console.error(`db:seed failed: ${e instanceof Error ? e.message : String(e)}`);
    await disconnectDb();
    process.exit(1);
  });
