// Detail pages of a missing or out-of-scope object answer HTTP 404 (with the not-found page), not a
// streamed "200 + not-found UI": every dynamic route segment under app/ is requested with a bogus id as
// an admin, and with a real id of another provider's object as an operator scoped to one provider. The
// list of dynamic segments is read from app/ itself, so a new detail page cannot slip by untested.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { adminToken, mnBootstrap, recordSecret, runScript, runTag, signIn } from "./fixtures";

test.setTimeout(180_000);

const APP = path.resolve(__dirname, "../app");
const BOGUS = "c0000000000000000000bogus";

/** Every page under app/ whose path has a [param] segment, as its URL template ("/subscribers/[id]"). */
function dynamicPages(): string[] {
  const out: string[] = [];
  const walk = (dir: string, url: string[]) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      if (e.name.startsWith("@") || e.name.startsWith("_")) continue;
      const seg = /^\(.*\)$/.test(e.name) ? null : e.name; // route groups add nothing to the URL
      const next = seg ? [...url, seg] : url;
      const dirPath = path.join(dir, e.name);
      if (fs.existsSync(path.join(dirPath, "page.tsx")) && next.some((s) => s.startsWith("["))) out.push(`/${next.join("/")}`);
      walk(dirPath, next);
    }
  };
  walk(APP, []);
  return out.sort();
}

/** Every page under app/ without a [param] segment (list, form and single pages). */
function staticPages(): string[] {
  const out: string[] = [];
  const walk = (dir: string, url: string[]) => {
    if (fs.existsSync(path.join(dir, "page.tsx")) && !url.some((s) => s.startsWith("["))) out.push(`/${url.join("/")}`);
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory() || e.name.startsWith("@") || e.name.startsWith("_")) continue;
      walk(path.join(dir, e.name), /^\(.*\)$/.test(e.name) ? url : [...url, e.name]);
    }
  };
  walk(APP, []);
  return out.sort();
}

test("no loading.tsx wraps a dynamic detail page (a loading boundary starts the stream with 200 before notFound() runs)", () => {
  const offenders: string[] = [];
  const walk = (dir: string, loadingAbove: string | null) => {
    const here = fs.existsSync(path.join(dir, "loading.tsx")) ? path.relative(APP, path.join(dir, "loading.tsx")) : loadingAbove;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const child = path.join(dir, e.name);
      if (/^\[.*\]$/.test(e.name) && here && fs.existsSync(path.join(child, "page.tsx"))) offenders.push(`${path.relative(APP, child)} under ${here}`);
      walk(child, here);
    }
  };
  walk(APP, null);
  expect(offenders).toEqual([]);
});

test("every console page without a [param] keeps a loading skeleton (a loading.tsx in its segment chain)", () => {
  const bare: string[] = [];
  const walk = (dir: string, hasLoading: boolean, dynamic: boolean) => {
    const loading = hasLoading || fs.existsSync(path.join(dir, "loading.tsx"));
    if (!dynamic && fs.existsSync(path.join(dir, "page.tsx")) && !loading) bare.push(path.relative(APP, dir));
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name), loading, dynamic || /^\[.*\]$/.test(e.name));
    }
  };
  walk(path.join(APP, "(console)"), false, false);
  expect(bare).toEqual([]);
});

test("pages gate roles with requirePageUser (a wrong role is a 404 page), never requireUser([...]) (a thrown 403 renders as a 500)", () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^(page|layout)\.tsx$/.test(e.name) && /requireUser\(\s*\[/.test(fs.readFileSync(p, "utf8"))) offenders.push(path.relative(APP, p));
    }
  };
  walk(APP);
  expect(offenders).toEqual([]);
});

test("a role-gated page under a loading.tsx has the same gate in a layout.tsx above that loading boundary", () => {
  // notFound() from the page itself would run after the loading fallback started the stream (200).
  const missing: string[] = [];
  const gate = (file: string) => fs.existsSync(file) && /requirePageUser\(/.test(fs.readFileSync(file, "utf8"));
  // A layout's gate runs before the loading boundary of its own folder, but inside those of the folders above.
  const walk = (dir: string, loadingAbove: boolean, gatedAbove: boolean) => {
    const gated = gatedAbove || (!loadingAbove && gate(path.join(dir, "layout.tsx")));
    const loading = loadingAbove || fs.existsSync(path.join(dir, "loading.tsx"));
    if (gate(path.join(dir, "page.tsx")) && loading && !gated) missing.push(path.relative(APP, dir));
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) walk(path.join(dir, e.name), loading, gated);
  };
  walk(APP, false, false);
  expect(missing).toEqual([]);
});

type Side = { providerId: string; prefixId: string; subscriberId: string; nai: string; secret: string; realm: string };

async function seedSide(request: APIRequestContext, label: string): Promise<Side> {
  const tag = runTag();
  const n = parseInt(tag.slice(0, 4), 16);
  const headers = { Authorization: `Bearer ${adminToken()}` };
  const post = async (url: string, data: Record<string, unknown>) => {
    const res = await request.post(url, { headers, data });
    expect(res.status(), `${url}: ${await res.text()}`).toBe(201);
    return (await res.json()) as { id: string; secret?: string; subscriber?: { id: string } };
  };
  const realm = `nf-${label}-${tag}.example`;
  const provider = await post("/api/v1/providers", { name: `NF ${label} ${tag}`, realms: [realm], roles: ["MSP", "MSA", "ASP", "ASA"] });
  const ha = await post("/api/v1/home-agents", { providerId: provider.id, name: `ha-nf-${tag}`, fqdn: `ha.${realm}`, address: `2001:db8:f0f:${n.toString(16)}::1`, region: "e2e", capacity: 10 });
  const prefix = await post("/api/v1/prefixes", { homeAgentId: ha.id, prefix: `2001:db8:f0f:${n.toString(16)}::/64` });
  const nai = `nf-${tag}@${realm}`;
  const sub = await post("/api/v1/subscribers", { nai, msaProviderId: provider.id });
  const secret = String(sub.secret);
  recordSecret(secret);
  return { providerId: provider.id, prefixId: prefix.id, subscriberId: sub.id, nai, secret, realm };
}

test("detail pages of unknown and out-of-scope ids answer 404 with the not-found page; list pages still 200", async ({ page, request, baseURL }) => {
  const headers = { Authorization: `Bearer ${adminToken()}` };
  const post = async (url: string, data: Record<string, unknown>) => {
    const res = await request.post(url, { headers, data });
    expect(res.status(), `${url}: ${await res.text()}`).toBe(201);
    return (await res.json()) as { id: string };
  };
  const a = await seedSide(request, "a");
  const b = await seedSide(request, "b");
  const c = await seedSide(request, "c");
  // A session, an agreement and a renumbering of each side.
  for (const s of [a, b]) expect(mnBootstrap(baseURL!, s.nai, s.secret, s.realm).code).toBe(0);
  const sessionOf = async (s: Side) => {
    const res = await request.get(`/api/v1/sessions?subscriberId=${s.subscriberId}`, { headers });
    const items = ((await res.json()) as { items: { id: string }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    return items[0].id;
  };
  const from = new Date(Date.now() - 3600_000).toISOString();
  const agreementA = await post("/api/v1/agreements", { kind: "network-access", fromProviderId: c.providerId, toProviderId: a.providerId, validFrom: from });
  const agreementB = await post("/api/v1/agreements", { kind: "network-access", fromProviderId: c.providerId, toProviderId: b.providerId, validFrom: from });
  const renumber = (s: Side, n: number) => post("/api/v1/renumberings", { prefixId: s.prefixId, newPrefix: `2001:db8:f1f:${n.toString(16)}::/64` });
  const renumberingA = await renumber(a, parseInt(runTag().slice(0, 4), 16));
  const renumberingB = await renumber(b, parseInt(runTag().slice(0, 4), 16));

  // An operator of provider A only.
  const tag = runTag();
  const opEmail = `nf-op-${tag}@e2e.example`;
  const opPassword = `NotFound-${tag}-${Date.now().toString(36)}-Ok!`;
  recordSecret(opPassword);
  const created = runScript("scripts/cli.ts", ["user", "create", "--email", opEmail, "--role", "operator", "--provider", a.providerId, "--password", opPassword]);
  const opUserId = /\(id ([^)]+)\)/.exec(created)![1];
  const audEmail = `nf-aud-${tag}@e2e.example`;
  runScript("scripts/cli.ts", ["user", "create", "--email", audEmail, "--role", "auditor", "--password", opPassword]);

  // For each dynamic page: a real id the operator may see, and a real id it may not.
  const ids: Record<string, { inScope: string | null; outOfScope: string }> = {
    "/subscribers/[id]": { inScope: a.subscriberId, outOfScope: b.subscriberId },
    "/providers/[id]": { inScope: a.providerId, outOfScope: b.providerId },
    "/agreements/[id]": { inScope: agreementA.id, outOfScope: agreementB.id },
    "/sessions/[id]": { inScope: await sessionOf(a), outOfScope: await sessionOf(b) },
    "/renumberings/[id]": { inScope: renumberingA.id, outOfScope: renumberingB.id },
    // Users are for admins and auditors: to an operator every account, its own included, is out of scope.
    "/users/[id]": { inScope: null, outOfScope: opUserId },
  };
  const portalPages = ["/portal/invite/[token]"];
  const dynamic = dynamicPages();
  expect(dynamic.length).toBeGreaterThan(5);
  expect(dynamic.filter((t) => !(t in ids) && !portalPages.includes(t)), "a dynamic page without ids in this test").toEqual([]);
  const url = (template: string, id: string) => template.replace(/\[[^\]]+\]/, encodeURIComponent(id));

  const get = async (u: string) => {
    const res = await page.request.get(u, { maxRedirects: 0 });
    return { status: res.status(), text: await res.text() };
  };
  const expectNotFound = async (u: string, who: string) => {
    const r = await get(u);
    expect(r.status, `${who} ${u}`).toBe(404);
    expect(r.text, `${who} ${u}: the not-found page`).toMatch(/Not found|Page not found|not valid/);
    expect(r.text, `${who} ${u}`).not.toMatch(/Application error/i);
  };

  // The portal's invite page needs no session.
  for (const t of portalPages) await expectNotFound(url(t, `pi_${"A".repeat(43)}`), "anonymous");
  await expectNotFound(url("/portal/invite/[token]", "nonsense"), "anonymous");

  // Admin: bogus ids → 404; real ids → 200.
  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard/);
  for (const t of Object.keys(ids)) {
    await expectNotFound(url(t, BOGUS), "admin");
    await expectNotFound(url(t, "%E2%80%AE'\"<x>"), "admin");
    expect((await get(url(t, ids[t].outOfScope))).status, `admin ${t}`).toBe(200);
  }
  // Unknown paths below list pages (no route at all) are 404s too.
  for (const p of staticPages().filter((p) => p !== "/" && !p.startsWith("/portal") && p !== "/signin")) {
    expect((await get(`${p}/${BOGUS}/x`)).status, `${p}/…`).toBe(404);
  }
  await page.context().clearCookies();

  // Operator of A: B's objects → 404, its own → 200.
  await signIn(page, opEmail, opPassword);
  await expect(page).toHaveURL(/\/dashboard/);
  for (const [t, { inScope, outOfScope }] of Object.entries(ids)) {
    await expectNotFound(url(t, outOfScope), "operator A");
    await expectNotFound(url(t, BOGUS), "operator A");
    if (inScope) expect((await get(url(t, inScope))).status, `operator A ${t} (own)`).toBe(200);
  }
  // A page the role may not use at all: the not-found page with 404, not an error page with 500.
  await expectNotFound("/users", "operator A");
  // List and form pages still answer 200 (with their loading skeleton while streaming).
  for (const p of ["/dashboard", "/subscribers", "/providers", "/agreements", "/sessions", "/renumberings", "/home-agents", "/prefixes", "/subscribers/new"]) {
    const r = await get(p);
    expect(r.status, p).toBe(200);
  }
  await page.context().clearCookies();

  // An auditor (read-only) on the form that plans a renumbering: 404 as well; its list pages: 200.
  await signIn(page, audEmail, opPassword);
  await expect(page).toHaveURL(/\/dashboard/);
  await expectNotFound("/renumberings/new", "auditor");
  expect((await get("/renumberings")).status).toBe(200);
  expect((await get("/users")).status).toBe(200);
});
