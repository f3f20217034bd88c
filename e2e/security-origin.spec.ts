// Server actions posted from another origin are refused with a clean 403 (proxy.ts +
// lib/security/action-origin.ts, Next's own origin rule), on console and portal pages alike, and nothing
// happens; the same request from the console's own origin works. Real actions are captured from the
// browser (the console's "Portal invite link" button and the portal's sign-in form) and replayed with the
// `request` API, so the body and action id are exactly what the app sends.
//
// A request with no Origin header at all is let through, as Next does (a browser always sends Origin on a
// POST; a request without one is hand-made and carries only cookies its sender already holds): Next then
// runs the action itself. An Origin that is not a URL, or "null" (sandboxed frames, data: URLs), is refused.
import { expect, test, type APIResponse, type Page, type Request } from "@playwright/test";
import { adminToken, recordSecret, runTag, seedTopology, signIn } from "./fixtures";

test.setTimeout(120_000);

type Captured = { url: string; headers: Record<string, string>; body: Buffer };

/** Run `act` in the page and capture the server-action POST it makes. */
async function captureAction(page: Page, act: () => Promise<void>): Promise<Captured> {
  const seen = new Promise<Request>((resolve) => {
    const on = (r: Request) => {
      if (r.method() === "POST" && r.headers()["next-action"]) {
        page.off("request", on);
        resolve(r);
      }
    };
    page.on("request", on);
  });
  await act();
  const r = await seen;
  const all = r.headers();
  const keep = ["next-action", "content-type", "accept", "next-router-state-tree"];
  return { url: r.url(), headers: Object.fromEntries(keep.filter((k) => all[k]).map((k) => [k, all[k]])), body: r.postDataBuffer() ?? Buffer.alloc(0) };
}

function expectCleanRefusal(res: APIResponse, body: string, what: string) {
  expect(res.status(), what).toBe(403);
  expect(body, what).toMatch(/^Forbidden: /);
  expect(body, what).not.toMatch(/\bat .*\.js:\d+|Error:|digest/);
  expect(res.headers()["set-cookie"], what).toBeUndefined();
}

const FOREIGN_ORIGINS = ["http://evil.example", "https://evil.example:443", "null", "not a url", "http://127.0.0.1:1"];

test("console: a captured action replayed from another origin is a 403 and does nothing; same origin and no Origin run it", async ({ page, request, baseURL }) => {
  const topo = await seedTopology(request);
  const headers = { Authorization: `Bearer ${adminToken()}` };
  const res = await request.post("/api/v1/subscribers", { headers, data: { nai: `origin-${runTag()}@${topo.realm}`, msaProviderId: topo.providerId } });
  expect(res.status()).toBe(201);
  const sub = (await res.json()) as { id: string; secret: string };
  recordSecret(sub.secret);
  const invites = async () => {
    const r = await request.get(`/api/v1/audit?action=subscriber.portal-invite&objectId=${sub.id}`, { headers });
    expect(r.status()).toBe(200);
    return ((await r.json()) as { items: unknown[] }).items.length;
  };

  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto(`/subscribers/${sub.id}`);
  const action = await captureAction(page, () => page.getByRole("button", { name: "Portal invite link" }).click());
  recordSecret((await page.getByTestId("portal-invite-link").textContent())?.trim().split("/").pop());
  expect(await invites()).toBe(1);
  expect(new URL(action.url).pathname).toBe(`/subscribers/${sub.id}`);

  // page.request shares the signed-in browser's cookies: exactly what a forged cross-site post would carry.
  for (const origin of FOREIGN_ORIGINS) {
    const r = await page.request.post(action.url, { headers: { ...action.headers, origin }, data: action.body, maxRedirects: 0 });
    expectCleanRefusal(r, await r.text(), `Origin ${origin}`);
  }
  // A form post without the Next-Action header (a no-JavaScript action submit) is refused the same way.
  const mpa = await page.request.post(action.url, { headers: { origin: "http://evil.example" }, multipart: { $ACTION_ID_x: "" }, maxRedirects: 0 });
  expectCleanRefusal(mpa, await mpa.text(), "form post");
  // X-Forwarded-Host is what Next compares against when present: one that is not the Origin's host is refused.
  const xfh = await page.request.post(action.url, { headers: { ...action.headers, origin: baseURL!, "x-forwarded-host": "evil.example" }, data: action.body, maxRedirects: 0 });
  expectCleanRefusal(xfh, await xfh.text(), "X-Forwarded-Host mismatch");
  expect(await invites(), "no refused request created an invite").toBe(1);

  // GET stays as it was.
  expect((await page.request.get(action.url, { headers: { origin: "http://evil.example" } })).status()).toBe(200);

  // The same request from the console's own origin runs the action.
  const same = await page.request.post(action.url, { headers: { ...action.headers, origin: baseURL! }, data: action.body, maxRedirects: 0 });
  expect(same.status(), await same.text()).toBe(200);
  recordSecret(/pi_[A-Za-z0-9_-]{43}/.exec(await same.text())?.[0]);
  expect(await invites()).toBe(2);
  // No Origin at all: let through, as Next does; Next runs the action.
  const none = await page.request.post(action.url, { headers: action.headers, data: action.body, maxRedirects: 0 });
  expect(none.status(), await none.text()).toBe(200);
  recordSecret(/pi_[A-Za-z0-9_-]{43}/.exec(await none.text())?.[0]);
  expect(await invites()).toBe(3);
});

test("portal and other pages: cross-origin action posts are 403 everywhere, never a 5xx", async ({ page, browser, request, baseURL }) => {
  // A subscriber with a portal password, set through an invite.
  const topo = await seedTopology(request);
  const headers = { Authorization: `Bearer ${adminToken()}` };
  const res = await request.post("/api/v1/subscribers", { headers, data: { nai: `portal-origin-${runTag()}@${topo.realm}`, msaProviderId: topo.providerId } });
  const sub = (await res.json()) as { id: string; nai: string; secret: string };
  recordSecret(sub.secret);
  const invite = await request.post(`/api/v1/subscribers/${sub.id}/portal-invite`, { headers });
  expect(invite.status()).toBe(201);
  const { path } = (await invite.json()) as { path: string; token: string };
  recordSecret(path.split("/").pop());
  const password = `portal-origin-${runTag()}-${runTag()}`;
  recordSecret(password);

  const context = await browser.newContext({ baseURL });
  const portal = await context.newPage();
  await portal.goto(path);
  await portal.getByLabel("New portal password").fill(password);
  await portal.getByLabel("Repeat the password").fill(password);
  await portal.getByRole("button", { name: "Set password" }).click();
  await expect(portal).toHaveURL(/\/portal\/signin/);
  await portal.getByLabel("Mobility NAI").fill(sub.nai);
  await portal.getByLabel("Portal password").fill(password);
  const signInAction = await captureAction(portal, () => portal.getByRole("button", { name: "Sign in" }).click());
  await expect(portal).toHaveURL(/\/portal$/);
  await context.close();

  // Replayed from another origin (a login-CSRF attempt): refused, no portal cookie.
  for (const origin of FOREIGN_ORIGINS) {
    const r = await request.post(signInAction.url, { headers: { ...signInAction.headers, origin }, data: signInAction.body, maxRedirects: 0 });
    expectCleanRefusal(r, await r.text(), `portal sign-in, Origin ${origin}`);
  }
  // From the portal's own origin: signed in (the portal cookie is set).
  const same = await request.post(signInAction.url, { headers: { ...signInAction.headers, origin: baseURL! }, data: signInAction.body, maxRedirects: 0 });
  expect(same.status()).toBeLessThan(400);
  expect(same.headers()["set-cookie"] ?? "").toMatch(/mip6_portal=/);

  // Any page, any action id: another origin gets 403 (not Next's 500); the own origin reaches Next, which
  // answers an unknown action id itself (never a 5xx).
  await signIn(page);
  const pages = ["/", "/signin", "/dashboard", "/subscribers", "/settings", "/renumberings", "/leases", "/portal", "/portal/signin", "/portal/invite/pi_x", "/no-such-page"];
  for (const p of pages) {
    const bogus = { "next-action": "7f".padEnd(42, "0"), "content-type": "text/plain;charset=UTF-8" };
    const foreign = await page.request.post(p, { headers: { ...bogus, origin: "http://evil.example" }, data: "[]", maxRedirects: 0 });
    expectCleanRefusal(foreign, await foreign.text(), `${p} foreign`);
    const own = await page.request.post(p, { headers: { ...bogus, origin: baseURL! }, data: "[]", maxRedirects: 0 });
    expect(own.status(), `${p} own origin`).not.toBe(403);
    expect(own.status(), `${p} own origin`).toBeLessThan(500);
  }
});
