// Network-initiated bootstrap (RFC 4640 §4) in the console: select subscribers, request a re-bootstrap
// (with a confirmation), the MN's status call over HTTP says so, the Flagged MNs page lists it and
// clears it; the staleness policy is edited and applied on the Settings page.
import { expect, test } from "@playwright/test";
import { adminToken, runScript, runTag, seedTopology, signIn } from "./fixtures";

function mnStatus(baseURL: string, nai: string, secret: string): Record<string, unknown> {
  // A secret may start with "-"; scripts/mn.ts joins option values (lib/cli/args.ts), so this is safe.
  return JSON.parse(runScript("scripts/mn.ts", ["status", "--nai", nai, "--secret", secret, "--url", baseURL])) as Record<string, unknown>;
}

test("bulk re-bootstrap from the subscriber list, seen by the MN and on Flagged MNs, then cleared", async ({ page, request, baseURL }) => {
  const topo = await seedTopology(request);
  const tag = runTag();
  const headers = { Authorization: `Bearer ${adminToken()}` };
  const made: { nai: string; secret: string }[] = [];
  for (const i of [1, 2]) {
    const nai = `rb-${tag}-${i}@${topo.realm}`;
    const res = await request.post("/api/v1/subscribers", { headers, data: { nai, msaProviderId: topo.providerId } });
    expect(res.status(), await res.text()).toBe(201);
    made.push({ nai, secret: ((await res.json()) as { secret: string }).secret });
  }
  const [flagged, untouched] = made;

  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto(`/subscribers?q=${encodeURIComponent(`rb-${tag}-`)}`);
  await page.getByRole("checkbox", { name: `Select ${flagged.nai}` }).check();
  await page.getByTestId("bulk-rebootstrap-open").click();
  const dialog = page.getByTestId("bulk-rebootstrap");
  await expect(dialog).toContainText("Flag 1 selected subscriber");
  await dialog.getByRole("button", { name: "Request re-bootstrap" }).click();
  await expect(page.getByTestId("bulk-rebootstrap-result")).toContainText("Flagged 1 subscriber");
  await expect(page.getByTestId("subscribers-table").getByRole("row").filter({ hasText: flagged.nai })).toContainText("re-bootstrap: admin");

  // The MN learns it from its status call (MACed answer, verified by the client).
  expect(mnStatus(baseURL!, flagged.nai, flagged.secret)).toMatchObject({ ok: true, rebootstrapRequired: true, reason: "admin" });
  expect(mnStatus(baseURL!, untouched.nai, untouched.secret)).toMatchObject({ ok: true, rebootstrapRequired: false, reason: null });

  await page.goto("/rebootstrap?reason=admin");
  const table = page.getByTestId("flagged-table");
  const row = table.getByRole("row").filter({ hasText: flagged.nai });
  await expect(row).toContainText("admin");
  await expect(table.getByRole("row").filter({ hasText: untouched.nai })).toHaveCount(0);
  await row.getByRole("button", { name: "Clear flag" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Clear flag" }).click();
  await expect(page.getByRole("row").filter({ hasText: flagged.nai })).toHaveCount(0);
  expect(mnStatus(baseURL!, flagged.nai, flagged.secret)).toMatchObject({ rebootstrapRequired: false });
});

test("an admin sets the staleness policy and applies it", async ({ page }) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto("/settings");
  const form = page.getByTestId("staleness-form");
  await form.getByLabel("Days").fill("30");
  await form.getByLabel("Hours").fill("0");
  await form.getByRole("button", { name: "Save policy" }).click();
  await expect(form).toContainText("Saved: flag subscribers not bootstrapped for 30 d.");
  await page.reload();
  await expect(page.getByTestId("staleness-current")).toContainText("30 d");
  // Everything in this run's database is minutes old: nothing is stale at 30 days.
  await page.getByTestId("staleness-apply").getByRole("button", { name: "Apply now" }).click();
  await expect(page.getByTestId("staleness-apply")).toContainText("Flagged 0 stale subscribers.");
  // Back to off, so the periodic run never touches the other specs' subscribers.
  await page.getByTestId("staleness-form").getByLabel("Days").fill("0");
  await page.getByTestId("staleness-form").getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByTestId("staleness-form")).toContainText("Saved: the staleness policy is off.");
});
