// The subscriber self-service portal end to end: an operator creates a subscriber (API token from the CLI)
// and a portal invite (subscriber page button); the subscriber, in its own browser, opens the link, sets a
// password, signs in at /portal/signin, sees only its own data, downloads its MN configuration and rotates
// its secret; the new secret bootstraps with the MN client over HTTP and the old one is refused.
import { expect, test } from "@playwright/test";
import { adminToken, mnBootstrap, runTag, seedTopology, signIn } from "./fixtures";

// Six MN client runs (a tsx start each) and several argon2 hashes: more than the default minute on 2 cores.
test.setTimeout(150_000);

test("a subscriber sets its portal password from an invite, sees only itself, and rotates its secret", async ({ page, browser, request, baseURL }) => {
  const topo = await seedTopology(request);
  const tag = runTag();
  const headers = { Authorization: `Bearer ${adminToken()}` };
  const create = async (nai: string) => {
    const res = await request.post("/api/v1/subscribers", { headers, data: { nai, msaProviderId: topo.providerId } });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { id: string; nai: string; secret: string };
  };
  const alice = await create(`alice-${tag}@${topo.realm}`);
  const bob = await create(`bob-${tag}@${topo.realm}`);
  // Both bootstrap once, so each holds a home address (bob's must never show in alice's portal).
  const aliceBoot = mnBootstrap(baseURL!, alice.nai, alice.secret, topo.realm);
  const bobBoot = mnBootstrap(baseURL!, bob.nai, bob.secret, topo.realm);
  expect(aliceBoot.code, JSON.stringify(aliceBoot.result)).toBe(0);
  expect(bobBoot.code, JSON.stringify(bobBoot.result)).toBe(0);
  const aliceHoa = String(aliceBoot.result.homeAddress);
  const bobHoa = String(bobBoot.result.homeAddress);
  expect(aliceHoa).not.toBe(bobHoa);

  // The operator creates the invite on the subscriber's page.
  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto(`/subscribers/${alice.id}`);
  await page.getByRole("button", { name: "Portal invite link" }).click();
  const link = (await page.getByTestId("portal-invite-link").textContent())!.trim();
  expect(link).toMatch(/\/portal\/invite\/pi_[A-Za-z0-9_-]{43}$/);

  // The subscriber, in a browser of its own (no operator session).
  const context = await browser.newContext({ baseURL });
  const sub = await context.newPage();
  await sub.goto(link);
  await expect(sub.getByTestId("invite-nai")).toHaveText(alice.nai);
  const password = `portal-${tag}-${runTag()}-pw`;
  // Long enough for the browser's own check, refused by the server's policy.
  await sub.getByLabel("New portal password").fill("password1234");
  await sub.getByLabel("Repeat the password").fill("password1234");
  await sub.getByRole("button", { name: "Set password" }).click();
  await expect(sub.getByText(/default-password list/)).toBeVisible();
  await sub.getByLabel("New portal password").fill(password);
  await sub.getByLabel("Repeat the password").fill(password);
  await sub.getByRole("button", { name: "Set password" }).click();
  await expect(sub).toHaveURL(/\/portal\/signin\?welcome=1$/);

  // The link is single use.
  await sub.goto(link);
  await expect(sub.getByTestId("invite-invalid")).toBeVisible();

  // Wrong password: one generic message. Then the realm in another case signs in.
  await sub.goto("/portal/signin");
  await sub.getByLabel("Mobility NAI").fill(alice.nai);
  await sub.getByLabel("Portal password").fill(`${password}x`);
  await sub.getByRole("button", { name: "Sign in" }).click();
  await expect(sub.getByTestId("form-error")).toContainText("Invalid NAI or password");
  await sub.getByLabel("Mobility NAI").fill(alice.nai.replace(/@(.*)$/, (_m, realm: string) => `@${realm.toUpperCase()}`));
  await sub.getByLabel("Portal password").fill(password);
  await sub.getByRole("button", { name: "Sign in" }).click();
  await expect(sub).toHaveURL(/\/portal$/);
  await expect(sub.getByTestId("portal-nai")).toHaveText(alice.nai);
  await expect(sub.getByTestId("portal-home-address")).toHaveText(aliceHoa);
  await expect(sub.getByTestId("portal-sessions")).toContainText("success");
  const body = (await sub.locator("body").innerText());
  expect(body).toContain(topo.prefix);
  expect(body).not.toContain(bob.nai);
  expect(body).not.toContain(bobHoa);

  // The MN configuration download: its own, never a secret.
  const config = await context.request.get("/portal/config.json");
  expect(config.status()).toBe(200);
  const cfgText = await config.text();
  const cfg = JSON.parse(cfgText) as Record<string, unknown>;
  expect(cfg).toMatchObject({ nai: alice.nai, homeAddress: aliceHoa, homePrefix: topo.prefix, ike: { idi: alice.nai, idr: `ha1.${topo.realm}` } });
  expect(String(cfg.bootstrapUrl)).toMatch(/\/api\/bootstrap\/v1$/);
  expect(cfgText).not.toContain(alice.secret);
  expect(cfgText).not.toContain(bob.nai);

  // A subscriber session opens nothing on the operator side.
  await sub.goto("/subscribers");
  await expect(sub).toHaveURL(/\/signin/);
  expect((await context.request.get("/api/v1/subscribers")).status()).toBe(401);

  // Rotate: confirmation, the new secret shown once.
  await sub.goto("/portal");
  await sub.getByRole("button", { name: "Rotate bootstrap secret…" }).click();
  await sub.getByRole("button", { name: "Rotate now" }).click();
  const newSecret = (await sub.getByTestId("portal-secret").textContent())!.trim();
  expect(newSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(newSecret).not.toBe(alice.secret);

  const fresh = mnBootstrap(baseURL!, alice.nai, newSecret, topo.realm);
  expect(fresh.code, JSON.stringify(fresh.result)).toBe(0);
  expect(fresh.result.homeAddress).toBe(aliceHoa);
  const stale = mnBootstrap(baseURL!, alice.nai, alice.secret, topo.realm);
  expect(stale.code).toBe(1);
  expect(stale.result.error).toBe("authentication_failed");
  // bob is untouched.
  expect(mnBootstrap(baseURL!, bob.nai, bob.secret, topo.realm).code).toBe(0);

  // A reload does not show the secret again.
  await sub.reload();
  await expect(sub.getByTestId("portal-secret")).toHaveCount(0);
  await context.close();
});
