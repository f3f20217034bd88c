// `npm run simulate -- --count N [--url http://localhost:$PORT] [--concurrency 8] [--file demo/credentials.json]
//                      [--dormant 20% | 0.2 | 12] [--seed 1]`
// Bootstraps N demo mobile nodes over HTTP with the real MN client (lib/mn/client.ts): every answer's MAC
// is verified and its PSK key name checked. The demo credentials list carries each MN's serving realm,
// so the run comes from several access networks. Prints the outcomes against what each MN expected and
// the client-side latency percentiles; exits 1 when any outcome differs from its expectation.
// --dormant leaves a share of the MNs asleep: they are not bootstrapped in this run (chosen by NAI with a
// seeded shuffle, --seed), so a renumbering in progress keeps pending and, later, dormant MNs.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultConsoleUrl } from "@/lib/mn/default-url";
import { z } from "zod";
import { bootstrap, httpTransport } from "@/lib/mn/client";
import { dormantCount, parseDormant, pickDormant } from "./simulate-dormant";

const USAGE =
  "usage: npm run simulate -- --count N [--url http://localhost:$PORT] [--concurrency 8] [--file demo/credentials.json]\n" +
  "                           [--dormant 20% | 0.2 | 12] [--seed 1]\n" +
  "  --dormant  MNs left asleep (not bootstrapped in this run): a percentage, a fraction or a number of MNs\n" +
  "  --seed     which MNs are dormant: the same seed picks the same MNs (default 1)";

const CredentialsSchema = z.array(
  z.object({ nai: z.string(), secret: z.string(), servingRealm: z.string(), expect: z.string() }),
);
type Credential = z.infer<typeof CredentialsSchema>[number];

type Result = { credential: Credential; outcome: string; ms: number; message?: string };

function usage(message: string): never {
  console.error(`simulate: ${message}\n${USAGE}`);
  process.exit(2);
}

function intOption(value: string | undefined, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) usage(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function loadCredentials(file: string): Credential[] {
  if (!fs.existsSync(file)) {
    usage(`${file} does not exist: start the console once with demo data (npm start, CONSOLE_DEMO unset) to create it`);
  }
  const parsed = CredentialsSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success || parsed.data.length === 0) usage(`${file} is not a list of { nai, secret, servingRealm, expect }`);
  return parsed.data;
}

/** N picks that cover the whole list before repeating any entry, in a shuffled order. */
function picks(list: Credential[], count: number): Credential[] {
  const out: Credential[] = [];
  while (out.length < count) {
    const round = [...list];
    for (let i = round.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [round[i], round[j]] = [round[j], round[i]];
    }
    out.push(...round.slice(0, count - out.length));
  }
  return out;
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        count: { type: "string", default: "50" },
        url: { type: "string", default: defaultConsoleUrl() },
        concurrency: { type: "string", default: "8" },
        file: { type: "string", default: "demo/credentials.json" },
        dormant: { type: "string" },
        seed: { type: "string", default: "1" },
      },
      strict: true,
    }));
  } catch (e) {
    usage((e as Error).message);
  }
  const count = intOption(values.count, "count", 1, 100_000);
  const concurrency = intOption(values.concurrency, "concurrency", 1, 64);
  const seed = intOption(values.seed, "seed", 0, 2 ** 32 - 1);
  const share = values.dormant === undefined ? null : parseDormant(values.dormant);
  if (typeof share === "string") usage(share);
  const file = path.resolve(values.file);
  const credentials = loadCredentials(file);
  // Candidates are the demo's MNs: NAIs with an entry that is not a deliberately refused identity.
  const mns = new Set(credentials.filter((c) => c.expect !== "authentication_failed").map((c) => c.nai));
  const asleepCount = share ? dormantCount(share, mns.size) : 0;
  if (typeof asleepCount === "string") usage(asleepCount);
  const dormant = pickDormant([...mns], asleepCount, seed);
  const awake = credentials.filter((c) => !dormant.has(c.nai));
  if (!awake.length) usage(`--dormant ${values.dormant} leaves no MN to bootstrap (${mns.size} in ${path.relative(process.cwd(), file)})`);
  const work = picks(awake, count);
  const transport = httpTransport(values.url);

  console.log(`simulate: ${count} bootstraps against ${values.url}, ${concurrency} at a time, from ${path.relative(process.cwd(), file)}`);
  if (dormant.size) console.log(`simulate: ${dormant.size} of ${mns.size} MNs dormant (not bootstrapped in this run, seed ${seed})`);
  const results: Result[] = [];
  let next = 0;
  const t0 = performance.now();
  async function worker(): Promise<void> {
    while (next < work.length) {
      const credential = work[next++];
      const start = performance.now();
      const r = await bootstrap({ transport, nai: credential.nai, secret: credential.secret, servingRealm: credential.servingRealm, trigger: "manual" });
      const ms = performance.now() - start;
      results.push(r.ok ? { credential, outcome: r.scenario, ms } : { credential, outcome: r.error, ms, message: r.message });
      if (results.length % 100 === 0) process.stdout.write(`  ${results.length}/${count}\n`);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const wallMs = performance.now() - t0;

  const byOutcome = new Map<string, number>();
  for (const r of results) byOutcome.set(r.outcome, (byOutcome.get(r.outcome) ?? 0) + 1);
  const realms = new Set(results.map((r) => r.credential.servingRealm || "(unknown)"));
  const unexpected = results.filter((r) => r.outcome !== r.credential.expect);
  const latencies = results.map((r) => r.ms).sort((a, b) => a - b);

  console.log("\noutcome                          count");
  for (const [outcome, n] of [...byOutcome.entries()].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${outcome.padEnd(30)} ${String(n).padStart(5)}`);
  }
  console.log(`\nserving realms: ${[...realms].sort().join(", ")}`);
  if (dormant.size) {
    const shown = [...dormant].sort().slice(0, 50);
    console.log(`dormant MNs (${dormant.size} of ${mns.size}, seed ${seed}, not bootstrapped in this run):`);
    for (const nai of shown) console.log(`  ${nai}`);
    if (dormant.size > shown.length) console.log(`  … and ${dormant.size - shown.length} more`);
  }
  const unreachable = results.filter((r) => r.outcome === "transport_error").length;
  if (unreachable === results.length) {
    console.log(`\nthe console did not answer at ${values.url} (start it with npm start, or pass --url / set MN_URL)`);
    return 1;
  }
  console.log(
    `latency (client side): p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, ` +
      `max ${latencies[latencies.length - 1].toFixed(1)} ms; ${((results.length / wallMs) * 1000).toFixed(1)} bootstraps/s`,
  );
  if (unexpected.length) {
    console.log(`\n${unexpected.length} outcome(s) differ from the expectation:`);
    for (const r of unexpected.slice(0, 10)) {
      console.log(`  ${r.credential.nai} at ${r.credential.servingRealm || "(unknown)"}: expected ${r.credential.expect}, got ${r.outcome}${r.message ? ` (${r.message})` : ""}`);
    }
    return 1;
  }
  console.log(`\nall ${results.length} outcomes as expected`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`simulate failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
