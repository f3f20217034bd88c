// RFC 4640 §7.3 end to end: an enterprise MSA that runs no home agents gets mobility service only
// through a third-party MSP's mobility agreement. Providers and the agreement are made in the UI; the
// explain page and a real bootstrap over HTTP (the MN client) follow the agreement's status.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { adminToken, mnBootstrap, runTag, signIn } from "./fixtures";

async function createProviderInUi(page: Page, name: string, realm: string, roleLabel: RegExp) {
  await page.goto("/providers");
  const form = page.getByTestId("provider-form");
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Realm 1", { exact: true }).fill(realm);
  await form.getByLabel(roleLabel).check();
  await form.getByRole("button", { name: "Create provider" }).click();
  await expect(form.getByText(`Provider ${name} created.`)).toBeVisible();
}

async function api(request: APIRequestContext, method: "get" | "post", url: string, data?: Record<string, unknown>) {
  const res = await request[method](url, { headers: { Authorization: `Bearer ${adminToken()}` }, data });
  expect(res.ok(), `${method.toUpperCase()} ${url}: ${await res.text()}`).toBe(true);
  return res.json();
}

async function explain(page: Page, nai: string, servingRealm: string) {
  await page.goto(`/explain?nai=${encodeURIComponent(nai)}&servingRealm=${encodeURIComponent(servingRealm)}`);
  await expect(page.getByTestId("explanation")).toBeVisible();
}

test("a mobility agreement made in the UI decides third-party-msp; suspended, explain and a real bootstrap say no_roaming_agreement", async ({ page, request, baseURL }) => {
  const tag = runTag();
  const n = parseInt(tag.slice(0, 4), 16).toString(16);
  const msaName = `E2E Enterprise ${tag}`;
  const mspName = `E2E Mobility MSP ${tag}`;
  const msaRealm = `corp-${tag}.example`;
  const mspRealm = `msp-${tag}.example`;

  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard/);

  // Two providers through the console: an MSA that runs no HAs, and an MSP.
  await createProviderInUi(page, msaName, msaRealm, /^MSA — /);
  await createProviderInUi(page, mspName, mspRealm, /^MSP — /);

  // The MSP's home agent and home link, and a subscriber of the MSA, through the API.
  const providers = (await api(request, "get", `/api/v1/providers?q=${encodeURIComponent(`E2E`)}&limit=500`)) as { items: { id: string; name: string }[] };
  const msa = providers.items.find((p) => p.name === msaName)!;
  const msp = providers.items.find((p) => p.name === mspName)!;
  expect(msa && msp, "both providers exist").toBeTruthy();
  const ha = await api(request, "post", "/api/v1/home-agents", {
    providerId: msp.id, name: `ha-${tag}`, fqdn: `ha1.${mspRealm}`, address: `2001:db8:5c:${n}::1`, region: "e2e", capacity: 10,
  });
  await api(request, "post", "/api/v1/prefixes", { homeAgentId: ha.id, prefix: `2001:db8:5c:${n}::/64` });
  const nai = `staff-${tag}@${msaRealm}`;
  const { secret } = (await api(request, "post", "/api/v1/subscribers", { nai, msaProviderId: msa.id })) as { secret: string };

  // No agreement yet: nobody provides a home agent.
  await explain(page, nai, "");
  await expect(page.getByTestId("explain-outcome")).toHaveText("no_roaming_agreement");

  // The mobility agreement MSP → MSA, made as a draft in the UI and activated on its page.
  await page.goto("/agreements/new");
  const form = page.getByTestId("agreement-form");
  await form.getByLabel("Kind").selectOption("mobility");
  await form.getByLabel("From: the serving ASP or the MSP").selectOption({ label: `${mspName} (MSP)` });
  await form.getByLabel("To: the ASA or the MSA").selectOption({ label: `${msaName} (MSA)` });
  await form.getByRole("button", { name: "Create agreement" }).click();
  await form.getByRole("link", { name: "Open the new agreement" }).click();
  const actions = page.getByTestId("agreement-actions");
  await actions.getByRole("button", { name: "Activate" }).click();
  await expect(actions.getByRole("button", { name: "Suspend" })).toBeVisible();
  const agreementUrl = page.url();

  // Explain: the third-party MSP provides the HA, and a real bootstrap agrees.
  await explain(page, nai, "");
  await expect(page.getByTestId("explain-scenario")).toHaveText("third-party-msp");
  await expect(page.getByTestId("explain-home-agent")).toContainText(`ha1.${mspRealm}`);
  const served = mnBootstrap(baseURL!, nai, secret, "wifi.cafe.example");
  expect(served.code, JSON.stringify(served.result)).toBe(0);
  expect(served.result.scenario).toBe("third-party-msp");
  expect((served.result.homeAgent as { fqdn: string }).fqdn).toBe(`ha1.${mspRealm}`);

  // Suspend it: the explain page shows the refusal and a real bootstrap is refused the same way.
  await page.goto(agreementUrl);
  await page.getByTestId("agreement-actions").getByRole("button", { name: "Suspend" }).click();
  await expect(page.getByTestId("agreement-actions").getByRole("button", { name: "Resume" })).toBeVisible();
  await explain(page, nai, "");
  await expect(page.getByTestId("explain-outcome")).toHaveText("no_roaming_agreement");
  await expect(page.getByTestId("explain-because")).toContainText("suspended");
  const refused = mnBootstrap(baseURL!, nai, secret, "wifi.cafe.example");
  expect(refused.code).toBe(1);
  expect(refused.result.error).toBe("no_roaming_agreement");
});
