// Security headers on pages and API answers of the production build, the CSP not breaking the app
// (sign-in, client-side forms and server actions still work), and the users/audit pages end to end.
// Every secret this spec creates is recorded for e2e/zz-log-secrets.spec.ts.
import { expect, test, type APIResponse } from "@playwright/test";
import { admin, adminToken, recordSecret, runTag, seedTopology, signIn } from "./fixtures";

function expectSecurityHeaders(res: APIResponse | { headers(): Record<string, string> }, what: string) {
  const h = res.headers();
  expect(h["content-security-policy"], what).toContain("default-src 'self'");
  expect(h["content-security-policy"], what).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"], what).toContain("object-src 'none'");
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"], what).toContain("camera=()");
  expect(h["x-powered-by"], what).toBeUndefined();
}

test("every kind of response carries the security headers", async ({ request }) => {
  recordSecret(admin.password);
  recordSecret(process.env.NEXTAUTH_SECRET);
  expectSecurityHeaders(await request.get("/signin"), "sign-in page");
  expectSecurityHeaders(await request.get("/api/health"), "health");
  const unauth = await request.get("/api/v1/providers");
  expect(unauth.status()).toBe(401);
  expectSecurityHeaders(unauth, "API 401");
  const ok = await request.get("/api/v1/providers", { headers: { Authorization: `Bearer ${adminToken()}` } });
  expect(ok.status()).toBe(200);
  expectSecurityHeaders(ok, "API 200");
  expectSecurityHeaders(await request.get("/api/v1/openapi.json"), "OpenAPI");
  expectSecurityHeaders(await request.get("/api/v1/nope"), "API 404");
  const bootstrap = await request.post("/api/bootstrap/v1", { data: "{not json", headers: { "content-type": "application/json" } });
  expect(bootstrap.status()).toBeLessThan(500);
  expectSecurityHeaders(bootstrap, "bootstrap endpoint");
  const session = await request.get("/api/auth/session");
  expectSecurityHeaders(session, "next-auth");
});

test("with the CSP the console works: sign in, create a user, see the audit chain, export CSV", async ({ page, request }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(m.text())) violations.push(m.text());
  });
  const topo = await seedTopology(request);
  const sub = await request.post("/api/v1/subscribers", {
    headers: { Authorization: `Bearer ${adminToken()}` },
    data: { nai: `sec-${runTag()}@${topo.realm}`, msaProviderId: topo.providerId },
  });
  expect(sub.status()).toBe(201);
  recordSecret(((await sub.json()) as { secret: string }).secret);

  const response = await page.goto("/signin");
  expectSecurityHeaders(response!, "sign-in page (browser)");
  await signIn(page);
  await expect(page.getByTestId("signed-in-user")).toHaveText(admin.email);
  const cookies = await page.context().cookies();
  const sessionCookie = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  expect(sessionCookie?.httpOnly).toBe(true);
  expect(sessionCookie?.sameSite).toBe("Lax");

  await page.goto("/users");
  const email = `op-${runTag()}@e2e.example`;
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel(/operator — only the providers/).check();
  await page.getByLabel(topo.providerName).check();
  await page.getByRole("button", { name: "Create user" }).click();
  const initial = (await page.getByTestId("initial-password").textContent())?.trim() ?? "";
  expect(initial).toMatch(/^[A-Za-z0-9_-]{24}$/);
  recordSecret(initial);

  await page.goto("/users");
  await page.getByRole("link", { name: email }).click();
  await page.getByTestId("reset-password-open").click();
  await page.getByTestId("reset-password").getByRole("button", { name: "Reset password" }).click();
  const reset = (await page.getByTestId("reset-password-value").textContent())?.trim() ?? "";
  expect(reset).toMatch(/^[A-Za-z0-9_-]{24}$/);
  expect(reset).not.toBe(initial);
  recordSecret(reset);

  await page.goto("/audit?action=user.");
  await expect(page.getByTestId("audit-chain")).toContainText(/chain intact \(\d+ entries\)/);
  await expect(page.getByTestId("audit-table")).toContainText("user.password-reset");
  await expect(page.getByTestId("audit-table")).not.toContainText(reset);
  const csv = await request.get("/api/v1/audit/export.csv?objectType=user", { headers: { Authorization: `Bearer ${adminToken()}` } });
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text).toContain("user.create");
  expect(text).not.toContain(initial);
  expect(text).not.toContain(reset);
  expect(violations).toEqual([]);
});

test("pages refuse to be framed and stored text renders inert", async ({ page, request }) => {
  const topo = await seedTopology(request);
  const hostile = `<img src=x onerror="window.__xss=1">${runTag()}`;
  const res = await request.patch(`/api/v1/providers/${topo.providerId}`, {
    headers: { Authorization: `Bearer ${adminToken()}` },
    data: { name: hostile },
  });
  expect(res.status()).toBe(200);
  await signIn(page);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
  await page.goto(`/providers/${topo.providerId}`);
  await expect(page.getByText(hostile).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator("img[src=x]").count()).toBe(0);
});
