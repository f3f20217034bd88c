// `npm run bench [-- <scenario>] [options]`: rerunnable measurements on this machine, against a
// throw-away SQLite database. Bounded (fixed request counts), local only (in-process handlers, no
// network). Prints figures and ratios measured in one run; docs/performance.md records them.
//
//   npm run bench                         the bootstrap suite (scenario "bootstrap")
//   npm run bench -- bootstrap --concurrency 1,8,32 --requests 400 --subscribers 400
//   npm run bench -- renumbering --subscribers 100000
//
// Profile with e.g. `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx scripts/bench.ts renumbering`.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const dbFile = path.join(os.tmpdir(), `mip6-bench-${process.pid}.db`);
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.CONSOLE_KEY_FILE = path.join(os.tmpdir(), `mip6-bench-${process.pid}.key`);
// Jobs run where the bench can time them, not in a background runner.
process.env.JOB_RUNNER = "manual";
delete process.env.BOOTSTRAP_RATE_PER_NAI;
delete process.env.BOOTSTRAP_RATE_PER_SOURCE;

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    subscribers: { type: "string" },
    requests: { type: "string" },
    concurrency: { type: "string" },
  },
});
const scenario = positionals[0] ?? "bootstrap";
const num = (v: string | undefined, def: number) => {
  const n = Number(v ?? def);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`expected a positive integer, got ${v}`);
  return n;
};

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  return { n: s.length, p50: q(50), p95: q(95), max: s[s.length - 1] };
}
const fmt = (x: number) => x.toFixed(2);
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
/** CPU time of this process (user + system; SQLite runs in it too) since `from`: steadier than wall time on a loaded machine. */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return `${((u.user + u.system) / 1e6).toFixed(2)} s CPU`;
};

async function benchBootstrap() {
  const SUBSCRIBERS = num(opts.subscribers ?? process.env.BENCH_SUBSCRIBERS, 400);
  const REQUESTS = num(opts.requests ?? process.env.BENCH_REQUESTS, 400);
  const CONCURRENCY = (opts.concurrency ?? "8").split(",").map((c) => num(c, 8));
  const { getDb } = await import("@/lib/db/client");
  const { systemActor } = await import("@/lib/auth/actor");
  const { createProvider } = await import("@/lib/services/providers");
  const { createHomeAgent } = await import("@/lib/services/home-agents");
  const { createPrefix } = await import("@/lib/services/prefixes");
  const { createSubscriber } = await import("@/lib/services/subscribers");
  const { listSubscribers } = await import("@/lib/data/subscribers");
  const { bootstrap } = await import("@/lib/mn/client");
  const { inProcessTransport } = await import("@/lib/mn/in-process");

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

  // 2. N at a time (SQLite serialises writers; this shows the cost of contention). Privacy mode: a new
  // HoA (lease delete + insert) each time, the heaviest write path. Server-side phase times come from
  // the sessions' own timelines (lib/bootstrap/record.ts).
  for (const c of CONCURRENCY) {
    const conc: number[] = [];
    let next = 0;
    const since = new Date();
    t = performance.now();
    await Promise.all(Array.from({ length: c }, async () => { while (next < REQUESTS) conc.push(await one(next++, "privacy")); }));
    const concRate = REQUESTS / ((performance.now() - t) / 1000);
    const s2 = stats(conc);
    const rows = await getDb().bootstrapSession.findMany({ where: { createdAt: { gte: since }, homeAddressMode: "privacy" }, select: { latencyMs: true, steps: true } });
    const phase = (name: string, prev: string) => stats(rows.map((r) => {
      const steps = JSON.parse(r.steps ?? "[]") as { step: string; atMs: number }[];
      const at = (n: string) => steps.find((x) => x.step === n)?.atMs ?? 0;
      return at(name) - at(prev);
    })).p50;
    console.log(
      `bootstrap ${c} concurrent (privacy, a new HoA each): p50 ${fmt(s2.p50)} ms, p95 ${fmt(s2.p95)} ms, ${fmt(concRate)} req/s (${fmt(concRate / seqRate)}× sequential); ` +
      `server p50 ${fmt(stats(rows.map((r) => r.latencyMs)).p50)} ms [auth ${fmt(phase("authenticated", "received"))}, scenario ${fmt(phase("scenario-resolved", "authenticated"))}, ` +
      `HA ${fmt(phase("home-agent-chosen", "scenario-resolved"))}, HoA ${fmt(phase("home-address-assigned", "home-agent-chosen"))}, answer ${fmt(phase("answered", "home-address-assigned"))}]`,
    );
  }

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
}

/**
 * Renumbering of one /64 holding N leases (every 500th a static HoA, like the integration test): plan
 * (until its job has finished), announce (until the flags are set), forced complete. Subscribers and
 * leases are bulk-inserted (a bootstrap each would take hours at 100k). Jobs run batch by batch here so
 * the first and last batch times show whether a batch's cost grows with the members already written.
 */
async function benchRenumbering() {
  const N = num(opts.subscribers ?? process.env.BENCH_SUBSCRIBERS, 100_000);
  const { getDb } = await import("@/lib/db/client");
  const { systemActor } = await import("@/lib/auth/actor");
  const { createProvider } = await import("@/lib/services/providers");
  const { createHomeAgent } = await import("@/lib/services/home-agents");
  const { createPrefix } = await import("@/lib/services/prefixes");
  const { parsePrefix, valueToAddress, addressHex } = await import("@/lib/domain/ipv6");
  const svc = await import("@/lib/services/renumbering");
  const { runJob } = await import("@/lib/jobs/runner");
  const { Prisma } = await import("@/lib/generated/prisma/client");
  const db = getDb();

  const actor = systemActor("bench");
  const p = await createProvider(actor, { name: "Bench MSP", realms: ["bench.example"], roles: ["MSP", "MSA"] });
  const ha = await createHomeAgent(actor, {
    providerId: p.id, name: "ha1", fqdn: "ha1.bench.example", address: "2001:db8:1::1", region: "eu", capacity: 1_000_000, state: "in-service",
  });
  const prefix = await createPrefix(actor, { homeAgentId: ha.id, prefix: "2001:db8:1::/64", state: "active" });
  const net = parsePrefix("2001:db8:1::/64");
  if (!net.ok) throw new Error(net.message);
  let t = performance.now();
  const CHUNK = 2000;
  const lastBootstrapAt = new Date(Date.now() - 30 * 86400_000);
  for (let start = 0; start < N; start += CHUNK) {
    const idx = Array.from({ length: Math.min(CHUNK, N - start) }, (_, k) => start + k);
    const id = (i: number) => `b-${String(i).padStart(7, "0")}`;
    const addr = (i: number) => net.network | (0x1000n + BigInt(i));
    const isStatic = (i: number) => i % 500 === 0;
    // Multi-row INSERTs: Prisma's createMany costs ~0.5 ms CPU a row (docs/performance.md), minutes at 100k.
    const now = new Date();
    for (let k = 0; k < idx.length; k += 500) {
      const part = idx.slice(k, k + 500);
      await db.$executeRaw`INSERT INTO "Subscriber" ("id", "nai", "msaProviderId", "homeAgentId", "lastBootstrapAt", "homeAddressPolicy", "staticHomeAddress", "createdAt", "updatedAt") VALUES ${Prisma.join(
        part.map((i) => Prisma.sql`(${id(i)}, ${`mn${i}@bench.example`}, ${p.id}, ${ha.id}, ${lastBootstrapAt}, ${isStatic(i) ? "static" : "dynamic"}, ${isStatic(i) ? valueToAddress(addr(i)) : null}, ${now}, ${now})`),
      )}`;
      await db.$executeRaw`INSERT INTO "HoaLease" ("id", "subscriberId", "prefixId", "homeAgentId", "address", "addressHex", "kind", "createdAt", "updatedAt") VALUES ${Prisma.join(
        part.map((i) => Prisma.sql`(${`l-${id(i)}`}, ${id(i)}, ${prefix.id}, ${ha.id}, ${valueToAddress(addr(i))}, ${addressHex(addr(i))}, ${isStatic(i) ? "static" : "dynamic"}, ${now}, ${now})`),
      )}`;
    }
  }
  console.log(`setup: ${N} subscribers with leases on 2001:db8:1::/64 (bulk SQL insert) in ${secs(performance.now() - t)}`);

  const drive = async (jobId: string) => {
    const batches: number[] = [];
    for (;;) {
      const t0 = performance.now();
      const r = await runJob(jobId, { workerId: "bench", maxBatches: 1 });
      batches.push(performance.now() - t0);
      if (r === "succeeded") return batches;
      if (r !== "stopped") throw new Error(`job ${jobId}: ${r}`);
    }
  };
  const batchNote = (b: number[]) => `${b.length} batches, first ${fmt(b[0])} ms, median ${fmt(stats(b).p50)} ms, last full ${fmt(b[Math.max(0, b.length - 3)])} ms`;

  t = performance.now();
  let cpu = process.cpuUsage();
  const planned = await svc.planRenumbering(actor, { prefixId: prefix.id, newPrefix: "2001:db8:2::/64", dormantAfterSeconds: 3600 });
  const planReq = performance.now() - t;
  const planBatches = planned.job && planned.job.state !== "succeeded" ? await drive(planned.job.id) : [];
  const planMs = performance.now() - t;
  const afterPlan = await db.renumbering.findUniqueOrThrow({ where: { id: planned.id }, select: { state: true } });
  const members = await db.renumberingMember.count({ where: { renumberingId: planned.id } });
  console.log(`renumbering plan: ${secs(planMs)}, ${cpuSince(cpu)} (request ${fmt(planReq)} ms; ${batchNote(planBatches)}); ${members} members, state ${afterPlan.state}`);

  t = performance.now();
  cpu = process.cpuUsage();
  const announced = await svc.announceRenumbering(actor, planned.id);
  const annBatches = announced.job && announced.job.state !== "succeeded" ? await drive(announced.job.id) : [];
  const annMs = performance.now() - t;
  const flagged = await db.subscriber.count({ where: { rebootstrapReason: "renumbering" } });
  console.log(`renumbering announce: ${secs(annMs)}, ${cpuSince(cpu)} (${batchNote(annBatches)}); ${flagged} MNs flagged`);

  t = performance.now();
  cpu = process.cpuUsage();
  const done = await svc.completeRenumbering(actor, planned.id, { force: true });
  console.log(`renumbering complete (forced): ${secs(performance.now() - t)}, ${cpuSince(cpu)}; ${done.leftBehindCount} left behind, state ${done.state}`);
  console.log(`ratio plan / announce: ${fmt(planMs / annMs)}`);
}

async function main() {
  const { applyMigrations } = await import("@/lib/db/migrate");
  const { disconnectDb } = await import("@/lib/db/client");
  const { getDb } = await import("@/lib/db/client");
  await applyMigrations();
  // As `npm start` does (scripts/start.ts): the file is in WAL mode.
  await getDb().$queryRawUnsafe("PRAGMA journal_mode = WAL");
  if (scenario === "bootstrap") await benchBootstrap();
  else if (scenario === "renumbering") await benchRenumbering();
  else throw new Error(`unknown scenario "${scenario}" (bootstrap, renumbering)`);
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
