// The main job end to end: an operator signs in, provisions a subscriber (its secret shown once), a
// mobile node bootstraps over HTTP with the MN client, and the session with its HA and HoA shows up.
import { expect, test } from "@playwright/test";
import { admin, mnBootstrap, runTag, seedTopology, signIn } from "./fixtures";

const BASE64URL_32_BYTES = /^[A-Za-z0-9_-]{43}$/;

test("sign-in refuses a wrong password with one generic message", async ({ page }) => {
  await signIn(page, admin.email, `${admin.password}-wrong`);
  await expect(page.getByText(/Invalid email or password/)).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByTestId("signed-in-user")).toHaveCount(0);
});

test("operator provisions a subscriber, the MN bootstraps, the session shows its HA and HoA", async ({ page, request, baseURL }) => {
  const topo = await seedTopology(request);

  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByTestId("signed-in-user")).toHaveText(admin.email);

  // Field-level errors come from the server: a NAI outside the MSA's realms.
  await page.goto("/subscribers/new");
  const form = page.getByTestId("subscriber-form");
  await form.getByLabel("Mobility NAI").fill(`someone@not-${topo.realm}`);
  await form.getByLabel("Mobility service authorizer (MSA)").selectOption({ label: `${topo.providerName} (${topo.realm})` });
  await form.getByRole("button", { name: "Create subscriber" }).click();
  await expect(page.locator("#nai-error")).toContainText(`is not a realm of ${topo.providerName}`);
  await expect(page.getByTestId("secret-panel")).toHaveCount(0);

  // Now a valid one: the root secret is shown once.
  const nai = `mn-${runTag()}@${topo.realm}`;
  await page.getByTestId("subscriber-form").getByLabel("Mobility NAI").fill(nai);
  await page.getByTestId("subscriber-form").getByLabel("Mobility service authorizer (MSA)").selectOption({ label: `${topo.providerName} (${topo.realm})` });
  await page.getByTestId("subscriber-form").getByRole("button", { name: "Create subscriber" }).click();
  const panel = page.getByTestId("secret-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId("created-nai")).toHaveText(nai);
  const secret = (await panel.getByTestId("subscriber-secret").innerText()).trim();
  expect(secret).toMatch(BASE64URL_32_BYTES);

  // Gone on reload, and nowhere on the subscriber's own page.
  await page.reload();
  await expect(page.getByTestId("secret-panel")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await page.goto("/subscribers");
  await page.getByRole("link", { name: nai }).click();
  await expect(page.getByRole("heading", { name: nai })).toBeVisible();
  await expect(page.getByTestId("subscriber-home-address")).toHaveText("—");
  expect(await page.content()).not.toContain(secret);
  const subscriberUrl = page.url();

  // The mobile node bootstraps over HTTP with the MN client (MAC verified, PSK name checked).
  const { code, result } = mnBootstrap(baseURL!, nai, secret, "wifi.cafe.example");
  expect(code, JSON.stringify(result)).toBe(0);
  expect(result.scenario).toBe("split");
  const homeAddress = String(result.homeAddress);
  expect(result.homePrefix).toBe(topo.prefix);
  expect(homeAddress.startsWith(topo.prefix.replace("::/64", ":"))).toBe(true);
  expect((result.homeAgent as { fqdn: string }).fqdn).toBe(`ha1.${topo.realm}`);

  // The subscriber page shows the binding and the session.
  await page.goto(subscriberUrl);
  await expect(page.getByTestId("subscriber-home-address")).toHaveText(homeAddress);
  const sessions = page.getByTestId("sessions-table");
  await expect(sessions.getByRole("row").filter({ hasText: homeAddress })).toHaveCount(1);
  await expect(sessions).toContainText(topo.homeAgentName);
  await expect(sessions).toContainText("split");

  // ... and so does the sessions page, down to the session's own detail.
  await page.goto("/sessions");
  const row = page.getByTestId("sessions-table").getByRole("row").filter({ hasText: nai });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(homeAddress);
  await row.getByRole("link").first().click();
  await expect(page.getByTestId("session-home-address")).toHaveText(homeAddress);

  // A second bootstrap of a dynamic subscriber keeps its HoA; a wrong secret is refused.
  const again = mnBootstrap(baseURL!, nai, secret, topo.realm);
  expect(again.code, JSON.stringify(again.result)).toBe(0);
  expect(again.result.homeAddress).toBe(homeAddress);
  const wrong = mnBootstrap(baseURL!, nai, "A".repeat(43));
  expect(wrong.code).toBe(1);
  expect(wrong.result.error).toBe("authentication_failed");

  // The dashboard's charts render (an SVG inside each chart figure).
  await page.goto("/dashboard");
  const charts = page.locator("[data-testid^=chart]");
  await expect(charts.first()).toBeVisible();
  expect(await charts.count()).toBeGreaterThanOrEqual(3);
  for (const chart of await charts.all()) await expect(chart.locator("svg").first()).toBeVisible();
});
