// Hostile input to every /api/v1 route module and method (walked from app/api/v1): malformed JSON,
// wrong types, huge strings, unicode junk, SQL-ish text, bad limits and cursors, path params with ../
// and NUL. Never a 5xx; every refusal carries the spec error body { error, message, fields? }.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setupDatabase } from "./api-helpers";
import { HTTP_METHODS, apiRouteFiles, buildWorld, type World } from "./security-world";

let env: Awaited<ReturnType<typeof setupDatabase>>;
let w: World;
type Handler = (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
const routes: { template: string; handlers: [string, Handler][] }[] = [];

before(async () => {
  env = await setupDatabase("fuzz-api");
  process.env.JOB_RUNNER = "manual";
  w = await buildWorld();
  for (const r of apiRouteFiles()) {
    const mod = (await import(r.file)) as Record<string, unknown>;
    routes.push({ template: r.template, handlers: HTTP_METHODS.filter((m) => typeof mod[m] === "function").map((m) => [m, mod[m] as Handler]) });
  }
});
after(() => env.cleanup());

const JUNK_TEXT = [
  "' OR '1'='1' --",
  "1; DROP TABLE Subscriber; --",
  "\u0000\u0001\uFFFF\uFEFF",
  "\uD800 lone surrogate",
  "\u202Eevil\u202C 💥 ǅ ﷽",
  "<script>alert(1)</script>",
  "%00%2e%2e%2f",
  "x".repeat(100_000),
];
const BODIES: (string | undefined)[] = [
  "{bad json",
  "",
  "null",
  "[1,2,3]",
  '"just a string"',
  "12345",
  JSON.stringify({ name: 123, realms: "x", roles: {}, providerId: [], capacity: "NaN", prefix: 7, nai: null, state: 1, status: true, role: ["admin"], disabled: "yes", providerIds: "a", ids: "*", expiresAt: "tomorrow", email: {} }),
  JSON.stringify({ name: JUNK_TEXT[7], nai: JUNK_TEXT[7], email: JUNK_TEXT[7], prefix: JUNK_TEXT[7], realms: [JUNK_TEXT[7]] }),
  JSON.stringify({ name: JUNK_TEXT[4], nai: JUNK_TEXT[2], email: JUNK_TEXT[0], prefix: JUNK_TEXT[1], fqdn: JUNK_TEXT[5], address: JUNK_TEXT[6], region: JUNK_TEXT[3] }),
  JSON.stringify({ ids: Array.from({ length: 2000 }, (_, i) => `id-${i}`), limit: -1, capacity: -5, validFrom: "not a date", newPrefix: "::/0", prefixId: "../../etc" }),
  '{"__proto__": {"admin": true}, "constructor": {"prototype": {"polluted": 1}}, "name": "proto"}',
  `{"name": "${"[".repeat(5000)}"}`,
  "[".repeat(10_000),
];
const QUERIES: Record<string, string>[] = [
  { limit: "-1" },
  { limit: "NaN" },
  { limit: "1e99" },
  { limit: "0x10" },
  { limit: "99999999999999999999" },
  { cursor: "garbage!!" },
  { cursor: Buffer.from('{"k":"createdAt","v":"not a date","id":"x"}').toString("base64url") },
  { cursor: Buffer.from('{"k":"seq","v":"-5","id":"x"}').toString("base64url") },
  { cursor: "x".repeat(5000) },
  { q: JUNK_TEXT[0], status: JUNK_TEXT[1], state: "'; --", role: "root", outcome: "<x>", scenario: "../", from: "yesterday", to: "NaN", format: "xml" },
  { q: JUNK_TEXT[2], actor: JUNK_TEXT[3], action: JUNK_TEXT[4], objectId: JUNK_TEXT[6], rebootstrapRequired: "maybe", disabled: "perhaps", inForce: "2" },
  { subscriberId: "../../../../etc/passwd", nai: JUNK_TEXT[4], servingRealm: JUNK_TEXT[0], homeAddressMode: "none", now: "never", force: "definitely" },
];
const PATH_IDS = ["../../etc/passwd", "..%2F..%2Fetc", "a\u0000b", "%00", "' OR '1'='1", "x".repeat(10_000), "💥", ""];

let calls = 0;

async function send(template: string, method: string, handler: Handler, opts: { id?: string; body?: string; query?: Record<string, string>; token: string }) {
  const url = new URL(`http://console.test/api/v1/${template.replace("[id]", encodeURIComponent(opts.id ?? "x"))}`);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { authorization: `Bearer ${opts.token}` };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(url, { method, headers, body: method === "GET" ? undefined : opts.body });
  const params: Record<string, string | string[]> = template.includes("[id]") ? { id: opts.id ?? "x" } : template === "[...path]" ? { path: [opts.id ?? "x"] } : {};
  const res = await handler(request, { params: Promise.resolve(params) });
  calls++;
  const text = await res.text();
  const what = `${method} ${template} id=${JSON.stringify((opts.id ?? "").slice(0, 40))} body=${JSON.stringify((opts.body ?? "").slice(0, 60))} query=${JSON.stringify(opts.query ?? {}).slice(0, 120)}`;
  assert.ok(res.status < 500, `${what} → ${res.status} ${text.slice(0, 300)}`);
  if (res.status >= 400) {
    let body: { error?: unknown; message?: unknown; fields?: unknown };
    try {
      body = JSON.parse(text);
    } catch {
      assert.fail(`${what} → ${res.status} without a JSON error body: ${text.slice(0, 200)}`);
    }
    assert.equal(typeof body.error, "string", what);
    assert.equal(typeof body.message, "string", what);
    if (body.fields !== undefined) {
      assert.equal(typeof body.fields, "object", what);
      for (const v of Object.values(body.fields as object)) assert.equal(typeof v, "string", what);
    }
  }
  return res.status;
}

test("malformed bodies, wrong types, huge and junk strings: never a 5xx, always the error body", async () => {
  for (const r of routes) {
    for (const [method, handler] of r.handlers) {
      if (method === "GET") continue;
      for (const token of [w.users.admin.token, w.users.opA.token]) {
        for (const body of BODIES) await send(r.template, method, handler, { body, token, id: "missing-object" });
      }
    }
  }
});

test("a body over the 1 MiB limit is 413 payload_too_large on every JSON write", async () => {
  const huge = JSON.stringify({ name: "x".repeat(1_100_000) });
  const seen: number[] = [];
  for (const r of routes) {
    for (const [method, handler] of r.handlers) {
      if (method === "GET" || method === "DELETE") continue;
      seen.push(await send(r.template, method, handler, { body: huge, token: w.users.admin.token, id: "missing-object" }));
    }
  }
  assert.ok(seen.includes(413), "at least the JSON-reading routes refuse the size");
});

test("bad limits, cursors, filters and SQL-ish query text: never a 5xx; bad limit/cursor on lists are 422", async () => {
  for (const r of routes) {
    for (const [method, handler] of r.handlers) {
      if (method !== "GET") continue;
      for (const query of QUERIES) {
        const status = await send(r.template, method, handler, { query, token: w.users.admin.token, id: w.a.subscriber });
        if (r.template === "subscribers" && (query.limit === "-1" || query.limit === "NaN" || query.cursor === "garbage!!")) assert.equal(status, 422);
      }
    }
  }
});

test("path params with ../, NUL, quotes, emoji and 10k characters: never a 5xx, 404 for reads", async () => {
  for (const r of routes) {
    if (!r.template.includes("[id]")) continue;
    for (const [method, handler] of r.handlers) {
      for (const id of PATH_IDS) {
        const status = await send(r.template, method, handler, { id, body: method === "GET" || method === "DELETE" ? undefined : "{}", token: w.users.admin.token });
        if (method === "GET") assert.ok([404, 422].includes(status), `GET ${r.template} with id ${JSON.stringify(id.slice(0, 20))} → ${status}`);
      }
    }
  }
});

test("the world is intact afterwards and the fuzzing really ran", async () => {
  assert.ok(calls > 1000, `${calls} calls`);
  const sub = await env.db.subscriber.findUnique({ where: { id: w.b.subscriber } });
  assert.equal(sub?.nai, "alice@b.example.net");
  assert.ok(await env.db.user.findUnique({ where: { id: w.users.admin.id } }));
  const { verifyAuditChain } = await import("@/lib/audit/audit");
  assert.equal((await verifyAuditChain(env.db)).ok, true);
});

test("the services behind the console's server actions: junk input from each role is a typed 4xx, never a crash", async () => {
  // Server actions cannot run outside a Next request (requireUser reads the session), so their services
  // get the same junk the actions could pass on from a forged FormData.
  const subs = await import("@/lib/services/subscribers");
  const has = await import("@/lib/services/home-agents");
  const pfx = await import("@/lib/services/prefixes");
  const prov = await import("@/lib/services/providers");
  const ua = await import("@/lib/services/user-admin");
  const users = await import("@/lib/services/users");
  const { isAppError } = await import("@/lib/errors");
  const junk: unknown[] = [null, undefined, 42, "str", [], { name: 1 }, JSON.parse(BODIES[6]!), JSON.parse(BODIES[8]!), { email: JUNK_TEXT[7], role: JUNK_TEXT[0], providerIds: [JUNK_TEXT[2]], password: JUNK_TEXT[4] }];
  const ids = ["../x", "\u0000", JUNK_TEXT[0], w.b.subscriber];
  const calls: ((actor: World["users"]["admin"]["actor"], input: unknown, id: string) => Promise<unknown>)[] = [
    (a, i) => subs.createSubscriber(a, i), (a, i, id) => subs.updateSubscriber(a, id, i),
    (a, i) => has.createHomeAgent(a, i), (a, i, id) => has.updateHomeAgent(a, id, i),
    (a, i) => pfx.createPrefix(a, i), (a, i, id) => pfx.updatePrefix(a, id, i),
    (a, i) => prov.createProvider(a, i), (a, i, id) => prov.updateProvider(a, id, i),
    (a, i) => ua.inviteUser(a, i), (a, i, id) => ua.updateUser(a, id, i),
    (a, i) => users.changePassword(a, i),
  ];
  let n = 0;
  for (const actor of [w.users.admin.actor, w.users.opA.actor, w.users.auditor.actor]) {
    for (const fn of calls) {
      for (const input of junk) {
        for (const id of ids) {
          try {
            await fn(actor, input, id);
          } catch (e) {
            assert.ok(isAppError(e) && e.status < 500, `${fn.toString().slice(0, 60)} threw ${String(e).slice(0, 200)}`);
          }
          n++;
        }
      }
    }
  }
  assert.ok(n > 1000);
  assert.equal((await env.db.subscriber.findUnique({ where: { id: w.b.subscriber } }))?.nai, "alice@b.example.net");
});
