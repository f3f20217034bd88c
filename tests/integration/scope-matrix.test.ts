// Every role against every /api/v1 route module and method (found by walking app/api/v1, so a new route
// is covered without editing this file): unauthenticated 401; auditor reads 200 and writes 403; an
// operator of provider A reads its own objects, gets 404 for B's objects, never sees B's ids in any
// answer, and cannot change B's objects; admin reads everything. The actions' services are exercised with
// each actor directly at the end; the server actions themselves, through real Next requests against the
// production build, are e2e/server-actions.spec.ts.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { call as callJson, setupDatabase, type CallOptions } from "./api-helpers";
import { HTTP_METHODS, apiRouteFiles, buildWorld, type World } from "./security-world";

let env: Awaited<ReturnType<typeof setupDatabase>>;
let w: World;
type Mod = Record<string, unknown>;
const routes: { template: string; mod: Mod; methods: string[] }[] = [];

before(async () => {
  env = await setupDatabase("scope-matrix");
  process.env.JOB_RUNNER = "manual";
  w = await buildWorld();
  for (const r of apiRouteFiles()) {
    const mod = (await import(r.file)) as Mod;
    routes.push({ template: r.template, mod, methods: HTTP_METHODS.filter((m) => typeof mod[m] === "function") });
  }
});
after(() => env.cleanup());

const MISSING = "missing-object-0000";

/** callJson, but a CSV (or other text) answer is kept as text instead of failing to parse. */
async function call(handler: unknown, method: string, path: string, opts: CallOptions = {}) {
  const wrapped = async (request: Request, ctx: unknown) => {
    const res = await (handler as (r: Request, c: unknown) => Promise<Response>)(request, ctx);
    if ((res.headers.get("content-type") ?? "").includes("json") || res.status === 204) return res;
    const text = await res.text();
    const headers = new Headers(res.headers);
    headers.set("x-raw-content-type", headers.get("content-type") ?? "");
    return new Response(JSON.stringify({ raw: text }), { status: res.status, headers });
  };
  const r = await callJson(wrapped, method, path, opts);
  if (r.json && typeof r.json === "object" && "raw" in r.json) {
    return { ...r, text: r.json.raw as string, json: null, headers: new Headers({ "content-type": r.headers.get("x-raw-content-type") ?? "" }) };
  }
  return r;
}

/** The A-side and B-side ids for a route's [id] (from operator A's point of view). */
function idsFor(template: string): { mine: string; theirs: string; fixture: boolean } {
  const first = template.split("/")[0];
  const map: Record<string, [string, string]> = {
    providers: [w.a.provider, w.b.provider],
    "home-agents": [w.a.ha, w.b.ha],
    prefixes: [w.a.prefix, w.b.prefix],
    subscribers: [w.a.subscriber, w.b.subscriber],
    tokens: [w.users.opA.tokenId, w.users.opB.tokenId],
    users: [w.users.opA.id, w.users.opB.id],
  };
  const hit = map[first];
  return hit ? { mine: hit[0], theirs: hit[1], fixture: true } : { mine: MISSING, theirs: MISSING, fixture: false };
}

const hasId = (t: string) => t.includes("[id]");
const pathOf = (t: string, id?: string) => `/api/v1/${t.replace("[id]", id ?? "")}`;
const isPublic = (t: string) => t === "openapi.json" || t === "[...path]";
/** Routes that only admins and auditors may read at all (a role rule: 403 for operators, whatever the id). */
const ADMIN_AUDITOR_READ = (t: string) => t.startsWith("users") || t === "audit/verify";
const B_IDS = () => [w.b.provider, w.b.ha, w.b.prefix, w.b.subscriber, w.users.opB.tokenId];

async function req(t: string, method: string, token: string | null, id?: string, body: unknown = {}) {
  const r = routes.find((x) => x.template === t)!;
  return call(r.mod[method], method, pathOf(t, id), {
    token,
    params: hasId(t) ? { id: id ?? "" } : t === "[...path]" ? { path: "nope" } : {},
    body: method === "GET" || method === "DELETE" ? undefined : body,
  });
}

test("the route walk found the core routes (sanity: the matrix is not empty)", () => {
  const ts = routes.map((r) => r.template);
  for (const t of ["providers", "providers/[id]", "subscribers/[id]/rotate-secret", "users", "audit", "tokens/[id]"]) assert.ok(ts.includes(t), t);
  assert.ok(routes.length >= 30);
});

describe("unauthenticated", () => {
  test("every method of every route is 401 with the error body (except the public document and the 404 catch-all)", async () => {
    for (const r of routes) {
      if (isPublic(r.template)) continue;
      for (const m of r.methods) {
        const res = await req(r.template, m, null, MISSING);
        assert.equal(res.status, 401, `${m} ${r.template}`);
        assert.equal(res.json.error, "unauthorized");
      }
    }
  });
});

describe("auditor", () => {
  test("GET is 200 on every route (both providers' objects), and no secret appears in any answer", async () => {
    for (const r of routes) {
      if (isPublic(r.template) || !r.methods.includes("GET")) continue;
      const { mine, theirs, fixture } = idsFor(r.template);
      for (const id of hasId(r.template) ? [mine, theirs] : [undefined]) {
        const res = await req(r.template, "GET", w.users.auditor.token, id);
        if (hasId(r.template) && !fixture) assert.equal(res.status, 404, `GET ${r.template} (no such object)`);
        else if (r.template.startsWith("tokens/")) assert.equal(res.status, 404, `GET ${r.template}: another user's token`);
        else if (r.template === "explain") assert.ok([200, 422].includes(res.status), `GET explain → ${res.status}`);
        else assert.equal(res.status, 200, `GET ${r.template}${id ? ` (${id})` : ""} → ${res.status} ${res.text.slice(0, 200)}`);
        for (const s of w.secrets) assert.ok(!res.text.includes(s), `GET ${r.template} leaks a secret`);
      }
    }
  });

  test("every write is 403 before anything happens", async () => {
    for (const r of routes) {
      if (isPublic(r.template)) continue;
      for (const m of r.methods.filter((x) => x !== "GET")) {
        const { mine, theirs } = idsFor(r.template);
        for (const id of [mine, theirs]) {
          const res = await req(r.template, m, w.users.auditor.token, id, { name: "x" });
          assert.equal(res.status, 403, `${m} ${r.template}`);
          assert.equal(res.json.error, "forbidden");
        }
      }
    }
  });
});

describe("operator of A", () => {
  test("reads: own objects 200, B's objects 404, lists without any of B's ids; admin-only reads 403", async () => {
    for (const r of routes) {
      if (isPublic(r.template) || !r.methods.includes("GET")) continue;
      const { mine, theirs, fixture } = idsFor(r.template);
      if (ADMIN_AUDITOR_READ(r.template)) {
        assert.equal((await req(r.template, "GET", w.users.opA.token, mine)).status, 403, `GET ${r.template}`);
        continue;
      }
      if (hasId(r.template)) {
        const own = await req(r.template, "GET", w.users.opA.token, mine);
        assert.equal(own.status, fixture ? 200 : 404, `GET ${r.template} own → ${own.status} ${own.text.slice(0, 200)}`);
        const other = await req(r.template, "GET", w.users.opA.token, theirs);
        assert.equal(other.status, 404, `GET ${r.template} of B → ${other.status}`);
        assert.equal(other.json?.error ?? "not_found", "not_found");
      } else {
        const res = await req(r.template, "GET", w.users.opA.token);
        assert.ok([200, 422].includes(res.status), `GET ${r.template} → ${res.status} ${res.text.slice(0, 200)}`);
        for (const bid of B_IDS()) assert.ok(!res.text.includes(bid), `GET ${r.template} shows B's object ${bid}`);
      }
    }
  });

  test("writes to B's objects are refused (404, or 403 where the role forbids) and change nothing", async () => {
    const snapshot = async () =>
      JSON.stringify([
        await env.db.provider.findUnique({ where: { id: w.b.provider } }),
        await env.db.homeAgent.findUnique({ where: { id: w.b.ha } }),
        await env.db.homePrefix.findUnique({ where: { id: w.b.prefix } }),
        await env.db.subscriber.findUnique({ where: { id: w.b.subscriber } }),
        await env.db.apiToken.findUnique({ where: { id: w.users.opB.tokenId } }),
        await env.db.user.findUnique({ where: { id: w.users.opB.id } }),
        await env.db.credential.findMany({ where: { subscriberId: w.b.subscriber } }),
      ]);
    const before = await snapshot();
    for (const r of routes) {
      if (isPublic(r.template) || !hasId(r.template)) continue;
      const { theirs, fixture } = idsFor(r.template);
      if (!fixture) continue;
      for (const m of r.methods.filter((x) => x !== "GET")) {
        const res = await req(r.template, m, w.users.opA.token, theirs, { name: "taken over", state: "draining", status: "suspended", role: "admin", disabled: true });
        assert.ok([403, 404].includes(res.status), `${m} ${r.template} of B → ${res.status} ${res.text.slice(0, 200)}`);
      }
    }
    assert.equal(await snapshot(), before, "B's objects are unchanged");
  });

  test("admin-only writes are 403 for operators even on their own provider and users", async () => {
    assert.equal((await req("providers/[id]", "PATCH", w.users.opA.token, w.a.provider, { name: "x" })).status, 403);
    assert.equal((await req("users", "POST", w.users.opA.token, undefined, { email: "x@y.z", role: "admin", password: "long enough pass 1" })).status, 403);
    assert.equal((await req("users/[id]", "PATCH", w.users.opA.token, w.users.opA.id, { role: "admin" })).status, 403);
    assert.equal((await req("users/[id]/reset-password", "POST", w.users.opA.token, w.users.opB.id)).status, 403);
  });

  test("audit list and CSV show the operator only its own entries", async () => {
    await req("subscribers/[id]", "PATCH", w.users.opA.token, w.a.subscriber, { status: "suspended" });
    const list = await req("audit", "GET", w.users.opA.token);
    assert.equal(list.status, 200);
    assert.ok(list.json.items.length >= 1);
    for (const e of list.json.items) assert.equal(e.actorId, w.users.opA.id);
    const csv = await call(routes.find((r) => r.template === "audit/export.csv")!.mod.GET, "GET", "/api/v1/audit/export.csv", { token: w.users.opA.token });
    assert.equal(csv.status, 200);
    assert.equal(csv.headers.get("content-type"), "text/csv; charset=utf-8");
    const lines = csv.text.trim().split("\r\n");
    assert.ok(lines.length >= 2);
    for (const l of lines.slice(1)) assert.ok(l.includes(w.users.opA.id), l);
    for (const s of w.secrets) assert.ok(!csv.text.includes(s));
  });
});

describe("admin", () => {
  test("GET is 200 on every route with a fixture, 404 for a missing object", async () => {
    for (const r of routes) {
      if (isPublic(r.template) || !r.methods.includes("GET")) continue;
      const { theirs, fixture } = idsFor(r.template);
      const res = await req(r.template, "GET", w.users.admin.token, theirs);
      if (hasId(r.template) && !fixture) assert.equal(res.status, 404, `GET ${r.template}`);
      else if (r.template === "explain") assert.ok([200, 422].includes(res.status));
      else assert.equal(res.status, 200, `GET ${r.template} → ${res.status} ${res.text.slice(0, 200)}`);
    }
  });
});

describe("services behind the console's server actions, per actor", () => {
  test("operator of A: B's objects are not found; auditor: forbidden; admin: allowed", async () => {
    const subs = await import("@/lib/services/subscribers");
    const has = await import("@/lib/services/home-agents");
    const pfx = await import("@/lib/services/prefixes");
    const prov = await import("@/lib/services/providers");
    const ua = await import("@/lib/services/user-admin");
    const opA = w.users.opA.actor;
    const aud = w.users.auditor.actor;
    const status = async (p: Promise<unknown>) => {
      try {
        await p;
        return 200;
      } catch (e) {
        return (e as { status?: number }).status ?? 500;
      }
    };
    const cases: [string, (actor: typeof opA) => Promise<unknown>][] = [
      ["updateSubscriber", (a) => subs.updateSubscriber(a, w.b.subscriber, { status: "suspended" })],
      ["rotateSecret", (a) => subs.rotateSecret(a, w.b.subscriber)],
      ["requestRebootstrap", (a) => subs.requestRebootstrap(a, w.b.subscriber)],
      ["deleteSubscriber", (a) => subs.deleteSubscriber(a, w.b.subscriber)],
      ["updateHomeAgent", (a) => has.updateHomeAgent(a, w.b.ha, { state: "draining" })],
      ["deleteHomeAgent", (a) => has.deleteHomeAgent(a, w.b.ha)],
      ["updatePrefix", (a) => pfx.updatePrefix(a, w.b.prefix, { state: "draining" })],
      ["deletePrefix", (a) => pfx.deletePrefix(a, w.b.prefix)],
      ["updateProvider", (a) => prov.updateProvider(a, w.b.provider, { name: "x" })],
      ["deleteProvider", (a) => prov.deleteProvider(a, w.b.provider)],
      ["updateUser", (a) => ua.updateUser(a, w.users.opB.id, { disabled: true })],
      ["resetUserPassword", (a) => ua.resetUserPassword(a, w.users.opB.id)],
    ];
    for (const [name, fn] of cases) {
      const got = await status(fn(opA));
      assert.ok([403, 404].includes(got), `${name} as operator of A → ${got}`);
      assert.equal(await status(fn(aud)), 403, `${name} as auditor`);
    }
    const admin = w.users.admin.actor;
    assert.equal(await status(subs.updateSubscriber(admin, w.b.subscriber, { status: "active" })), 200);
    assert.equal(await status(ua.updateUser(admin, w.users.opB.id, { providerIds: [w.b.provider, w.a.provider] })), 200);
    assert.equal(await status(ua.updateUser(admin, w.users.opB.id, { providerIds: [] })), 422, "an operator keeps at least one provider");
    assert.equal(await status(ua.updateUser(admin, w.users.admin.id, { role: "auditor" })), 409, "the last admin stays");
  });
});

// Unsupported methods: Next.js would answer them with an empty 405; proxy.ts answers in the API's error
// shape from a table generated from the route modules. Both API roots are walked, so a new route (or a
// stale table) fails here.
describe("unsupported methods on /api/v1 and /api/bootstrap", () => {
  const ALL = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
  const walkBoth = async () => {
    const path = await import("node:path");
    const out: { url: string; template: string; exported: string[] }[] = [];
    for (const [root, base] of [["app/api/v1", "/api/v1"], ["app/api/bootstrap", "/api/bootstrap"]] as const) {
      for (const r of apiRouteFiles(path.join(process.cwd(), root))) {
        const mod = (await import(r.file)) as Mod;
        const template = r.template ? `${base}/${r.template}` : base;
        out.push({ template, url: template.replace(/\[\.\.\.[^\]]+\]/g, "x/y").replace(/\[[^\]]+\]/g, "some-id"), exported: ALL.filter((m) => typeof mod[m] === "function") });
      }
    }
    return out;
  };

  test("the generated method table matches what every route module exports (run `node scripts/api/route-methods.mjs`)", async () => {
    const { ROUTE_METHODS } = await import("@/lib/api/route-methods.generated");
    const actual = (await walkBoth()).map((r) => ({ template: r.template, methods: r.exported })).sort((a, b) => a.template.localeCompare(b.template));
    assert.ok(actual.some((r) => r.template === "/api/bootstrap/v1"), "bootstrap routes walked");
    assert.deepEqual(ROUTE_METHODS.map((r) => ({ template: r.template, methods: [...r.methods] })), actual);
  });

  test("every method a route does not implement answers 405 with a JSON error body and an Allow header", async () => {
    const { NextRequest } = await import("next/server");
    const { proxy } = await import("@/proxy");
    let checked = 0;
    for (const r of await walkBoth()) {
      const allow = new Set<string>([...r.exported, "OPTIONS", ...(r.exported.includes("GET") ? ["HEAD"] : [])]);
      for (const method of HTTP_METHODS) {
        const res = await proxy(new NextRequest(`http://console.test${r.url}`, { method }));
        if (allow.has(method)) {
          assert.equal(res.headers.get("x-middleware-next"), "1", `${method} ${r.template} reaches the route`);
          continue;
        }
        checked++;
        assert.equal(res.status, 405, `${method} ${r.template}`);
        assert.match(res.headers.get("content-type") ?? "", /application\/json/);
        const body = (await res.json()) as { error: string; message: string };
        assert.equal(body.error, "method_not_allowed");
        assert.ok(body.message.includes(method) && body.message.length > 10, body.message);
        assert.equal(res.headers.get("allow"), [...allow].sort().join(", "), `Allow for ${r.template}`);
      }
    }
    assert.ok(checked > 20, `unsupported methods checked: ${checked}`);
    // The pentest's examples, by name.
    for (const [method, url] of [["PUT", "/api/v1/subscribers"], ["DELETE", "/api/v1/sessions"], ["GET", "/api/bootstrap/v1"]]) {
      const res = await proxy(new NextRequest(`http://console.test${url}`, { method }));
      assert.equal(res.status, 405, `${method} ${url}`);
      assert.ok((res.headers.get("allow") ?? "").length > 0);
    }
    // Unknown paths under /api/v1 still reach the catch-all (JSON 404), and pages keep the sign-in gate.
    assert.equal((await proxy(new NextRequest("http://console.test/api/v1/nope/deeper", { method: "PUT" }))).headers.get("x-middleware-next"), "1");
    assert.equal((await proxy(new NextRequest("http://console.test/subscribers", { method: "GET" }))).status, 307);
  });
});
