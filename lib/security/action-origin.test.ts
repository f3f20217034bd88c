import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import nextConfig from "../../next.config";
import { SERVER_ACTION_ALLOWED_ORIGINS, actionOriginVerdict, originAllowed, refuseCrossOriginAction, requestHost } from "./action-origin";

const h = (o: Record<string, string>) => new Headers(o);

test("the allow-list equals next.config's experimental.serverActions.allowedOrigins", () => {
  assert.deepEqual([...SERVER_ACTION_ALLOWED_ORIGINS], [...(nextConfig.experimental?.serverActions?.allowedOrigins ?? [])]);
});

test("Next's rule: Origin host vs X-Forwarded-Host (first value) or Host", () => {
  const cases: [Record<string, string>, boolean, string][] = [
    [{ host: "127.0.0.1:3612" }, true, "no-origin"],
    [{ host: "127.0.0.1:3612", origin: "http://127.0.0.1:3612" }, true, "same-host"],
    [{ host: "console.example", origin: "https://console.example" }, true, "same-host"],
    [{ host: "console.example", origin: "https://console.example:443" }, true, "same-host"],
    [{ host: "console.example", origin: "https://CONSOLE.example" }, true, "same-host"],
    [{ host: "127.0.0.1:3612", origin: "http://evil.example" }, false, "foreign-origin"],
    [{ host: "127.0.0.1:3612", origin: "http://127.0.0.1:3613" }, false, "foreign-origin"],
    [{ host: "127.0.0.1:3612", origin: "null" }, false, "foreign-origin"],
    [{ host: "127.0.0.1:3612", origin: "not a url" }, false, "bad-origin"],
    [{ host: "127.0.0.1:3612", origin: "" }, false, "bad-origin"],
    [{ origin: "http://evil.example" }, false, "no-host"],
    // Behind a reverse proxy: the public host arrives in X-Forwarded-Host, and wins over Host.
    [{ host: "10.0.0.5:3000", "x-forwarded-host": "console.example", origin: "https://console.example" }, true, "same-host"],
    [{ host: "10.0.0.5:3000", "x-forwarded-host": "console.example, 10.0.0.5:3000", origin: "https://console.example" }, true, "same-host"],
    [{ host: "console.example", "x-forwarded-host": "other.example", origin: "https://console.example" }, false, "foreign-origin"],
    [{ host: "console.example", "x-forwarded-host": "  ", origin: "https://console.example" }, true, "same-host"],
  ];
  for (const [headers, ok, reason] of cases) {
    assert.deepEqual(actionOriginVerdict(h(headers)), { ok, reason }, JSON.stringify(headers));
  }
  assert.equal(requestHost(h({ host: "a", "x-forwarded-host": "b, c" })), "b");
});

test("allowedOrigins matching agrees with Next's own isCsrfOriginAllowed", () => {
  const require = createRequire(import.meta.url);
  const { isCsrfOriginAllowed } = require("next/dist/server/app-render/csrf-protection") as { isCsrfOriginAllowed: (o: string, a?: string[]) => boolean };
  const lists = [[], ["proxy.example"], ["*.proxy.example"], ["**.proxy.example"], ["*"], ["**"], ["a.*.example"], ["", "PROXY.example:8443"]];
  const origins = ["proxy.example", "PROXY.example", "a.proxy.example", "a.b.proxy.example", "proxy.example:8443", "evil.example", "a.x.example", "null", "x"];
  for (const list of lists) for (const o of origins) assert.equal(originAllowed(o, list), isCsrfOriginAllowed(o, list), `${o} vs ${JSON.stringify(list)}`);
  assert.deepEqual(actionOriginVerdict(h({ host: "10.0.0.5", origin: "https://a.proxy.example" }), ["*.proxy.example"]), { ok: true, reason: "allowed-origin" });
});

test("refuseCrossOriginAction: 403 for a foreign state-changing request only", async () => {
  const foreign = { host: "127.0.0.1:3612", origin: "http://evil.example", "next-action": "abc" };
  for (const method of ["GET", "HEAD", "OPTIONS", "get"]) assert.equal(refuseCrossOriginAction({ method, headers: h(foreign) }), null, method);
  for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
    const r = refuseCrossOriginAction({ method, headers: h(foreign) });
    assert.equal(r?.status, 403, method);
    assert.match(await r!.text(), /^Forbidden: /);
    assert.equal(r!.headers.get("cache-control"), "no-store");
  }
  assert.equal(refuseCrossOriginAction({ method: "POST", headers: h({ host: "127.0.0.1:3612", origin: "http://127.0.0.1:3612" }) }), null);
  assert.equal(refuseCrossOriginAction({ method: "POST", headers: h({ host: "127.0.0.1:3612" }) }), null);
});

test("proxy.ts: GET gated on every page but /signin and /portal; a foreign POST is 403 on every page, own-origin POST passes", async () => {
  const { proxy } = await import("../../proxy");
  const { NextRequest } = await import("next/server");
  // Awaited: proxy() may become async (it may read the body); the assertions hold either way.
  const req = async (path: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Response> => {
    const method = init.method ?? "GET";
    // A well-formed action body (an empty argument list), so only the origin decides.
    const body = method === "GET" ? undefined : "[]";
    return await proxy(new NextRequest(`http://console.test${path}`, { method, body, headers: { host: "console.test", "content-type": "text/plain;charset=UTF-8", ...(init.headers ?? {}) } }));
  };
  // Signed out, GET: every console page (each directory of app/(console)) and unknown paths redirect to the
  // sign-in page; only the sign-in page and the portal pass untouched.
  const fs = await import("node:fs");
  const consoleDirs = fs.readdirSync("app/(console)", { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `/${d.name}`);
  assert.ok(consoleDirs.includes("/renumberings") && consoleDirs.includes("/leases"), "reads the console's pages");
  for (const p of ["/", ...consoleDirs, "/subscribers/x", "/account/password", "/no-such-page", "/dashboardx", "/signinx", "/portalx"]) {
    const r = await req(p);
    assert.equal(r.status, 307, p);
    assert.match(r.headers.get("location") ?? "", /\/signin(\?|$)/, p);
  }
  for (const p of ["/signin", "/portal", "/portal/signin", "/portal/invite/pi_x"]) {
    assert.equal((await req(p)).headers.get("x-middleware-next"), "1", p);
  }
  assert.equal((await req("/dashboard", { headers: { origin: "http://evil.example" } })).status, 307, "GET with a foreign Origin: unchanged");
  // POST from another origin: 403 everywhere, before the gate; from the own origin: the gate as before.
  for (const p of ["/", "/signin", "/portal", "/portal/signin", "/subscribers/x", "/settings", "/no-such-page"]) {
    assert.equal((await req(p, { method: "POST", headers: { origin: "http://evil.example", "next-action": "x" } })).status, 403, p);
  }
  assert.equal((await req("/portal/signin", { method: "POST", headers: { origin: "http://console.test", "next-action": "x" } })).headers.get("x-middleware-next"), "1");
  assert.equal((await req("/subscribers", { method: "POST", headers: { origin: "http://console.test", "next-action": "x" } })).status, 307, "signed out: the gate");
  assert.equal((await req("/portal/signin", { method: "POST", headers: { "next-action": "x" } })).headers.get("x-middleware-next"), "1", "no Origin: Next decides");
  // The APIs keep their own handling (bearer tokens, no cookies): never the origin check.
  assert.notEqual((await req("/api/v1/subscribers", { method: "POST", headers: { origin: "http://evil.example" } })).status, 403);
});
