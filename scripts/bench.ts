// `npm run bench`: rerunnable measurements on this machine, against a throw-away SQLite database.
// Bounded (fixed request counts), local only (in-process handlers, no network). Prints figures and
// ratios measured in one run; docs/ records them when an issue asks.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dbFile = path.join(os.tmpdir(), `mip6-bench-${process.pid}.db`);
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.CONSOLE_KEY_FILE = path.join(os.tmpdir(), `mip6-bench-${process.pid}.key`);
delete process.env.BOOTSTRAP_RATE_PER_NAI;
delete process.env.BOOTSTRAP_RATE_PER_SOURCE;

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 400);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  return { n: s.length, p50: q(50), p95: q(95), max: s[s.length - 1] };
}
const fmt = (x: number) => x.toFixed(2);

async function main() {
  const { applyMigrations } = await import("@/lib/db/migrate");
  const { disconnectDb, getDb } = await import("@/lib/db/client");
  const { systemActor } = await import("@/lib/auth/actor");
  const { createProvider } = await import("@/lib/services/providers");
  const { createHomeAgent } = await import("@/lib/services/home-agents");
  const { createPrefix } = await import("@/lib/services/prefixes");
  const { createSubscriber } = await import("@/lib/services/subscribers");
  const { listSubscribers } = await import("@/lib/data/subscribers");
  const { bootstrap } = await import("@/lib/mn/client");
  const { inProcessTransport } = await import("@/lib/mn/in-process");

  await applyMigrations();
  const actor = systemActor("bench");
  const p = await createProvider(actor, { name: "Bench MSP", realms: ["bench.example"], roles: ["MSP", "MSA"] });
  for (const i of [1, 2]) {
    const ha = await createHomeAgent(actor, {
      providerId: p.id, name: `ha${i}`, fqdn: `ha${i}.bench.example`, address: `2001:db8:${i}::1`, region: "eu", capacity: 1_000_000, state: "in-service",
    });
    await createPrefix(actor, { homeAgentId: ha.id, prefix: `2001:db8:${i}::/64`, state: "active" });
  }
  const subs: { nai: string; secret: string }[] = [];
  let t = performance.now();
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const r = await createSubscriber(actor, { nai: `mn${String(i).padStart(6, "0")}@bench.example`, msaProviderId: p.id, homeAddressPolicy: "dynamic" });
    subs.push({ nai: r.subscriber.nai, secret: r.secret });
  }
  console.log(`setup: ${SUBSCRIBERS} subscribers created through the service in ${fmt((performance.now() - t) / 1000)} s`);

  const transport = inProcessTransport();
  const one = async (i: number, mode: "dynamic" | "privacy" = "dynamic") => {
    const s = subs[i % subs.length];
    const t0 = performance.now();
    const r = await bootstrap({ transport, nai: s.nai, secret: s.secret, mode });
    if (!r.ok) throw new Error(`bootstrap failed: ${r.error}`);
    return performance.now() - t0;
  };

  // 1. Bootstrap latency, one at a time (MN-side MAC and PSK checks included).
  const seq: number[] = [];
  t = performance.now();
  for (let i = 0; i < REQUESTS; i++) seq.push(await one(i));
  const seqRate = REQUESTS / ((performance.now() - t) / 1000);
  const s1 = stats(seq);
  console.log(`bootstrap sequential: ${s1.n} req, p50 ${fmt(s1.p50)} ms, p95 ${fmt(s1.p95)} ms, ${fmt(seqRate)} req/s`);

  // 2. Eight at a time (SQLite serialises writers; this shows the cost of contention).
  const conc: number[] = [];
  let next = 0;
  t = performance.now();
  await Promise.all(Array.from({ length: 8 }, async () => { while (next < REQUESTS) conc.push(await one(next++, "privacy")); }));
  const concRate = REQUESTS / ((performance.now() - t) / 1000);
  const s2 = stats(conc);
  console.log(`bootstrap 8 concurrent (privacy, a new HoA each): p50 ${fmt(s2.p50)} ms, p95 ${fmt(s2.p95)} ms, ${fmt(concRate)} req/s (${fmt(concRate / seqRate)}× sequential)`);

  // 3. Unknown NAI vs wrong MAC: the spec wants them indistinguishable in timing. Interleaved pairs.
  const raw = async (nai: string) => {
    const body = { nai, servingRealm: "", timestamp: new Date().toISOString(), nonce: crypto.randomBytes(16).toString("base64url"), homeAddressMode: "dynamic", trigger: "boot", mac: crypto.randomBytes(32).toString("base64url") };
    const t0 = performance.now();
    const r = await transport.bootstrap(body);
    if (r.status !== 401) throw new Error(`expected 401, got ${r.status}`);
    return performance.now() - t0;
  };
  const unknown: number[] = [];
  const wrongMac: number[] = [];
  for (let i = 0; i < 200; i++) {
    if (i % 2) { unknown.push(await raw(`nobody${i}@bench.example`)); wrongMac.push(await raw(subs[i % subs.length].nai)); }
    else { wrongMac.push(await raw(subs[i % subs.length].nai)); unknown.push(await raw(`nobody${i}@bench.example`)); }
  }
  const u = stats(unknown);
  const w = stats(wrongMac);
  console.log(`authentication_failed: unknown NAI p50 ${fmt(u.p50)} ms, wrong MAC p50 ${fmt(w.p50)} ms (ratio ${fmt(w.p50 / u.p50)})`);

  // 4. Keyset pagination: the last page costs what the first costs.
  const pages: number[] = [];
  let cursor: string | undefined;
  let count = 0;
  do {
    const t0 = performance.now();
    const page = await listSubscribers(actor, { limit: 50, cursor });
    pages.push(performance.now() - t0);
    count += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  console.log(`subscriber list: ${count} rows in ${pages.length} pages of 50; first page ${fmt(pages[0])} ms, last page ${fmt(pages[pages.length - 1])} ms`);

  const sessions = await getDb().bootstrapSession.count();
  console.log(`sessions recorded: ${sessions}`);
  await disconnectDb();
}

main()
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, process.env.CONSOLE_KEY_FILE!]) fs.rmSync(f, { force: true });
  });
