// Home prefix renumbering end to end (RFC 4640 §5.4, DOMAIN.md): six MNs bootstrap over HTTP through the
// real MN client (lib/mn/client.ts) and hold HoAs; an operator plans the renumbering in the console, checks
// the preview (every new HoA keeps its interface identifier), announces it; the MNs learn of it from their
// status call and half of them re-bootstrap onto the new prefix; the counts and the chart move; completion
// is refused while MNs are pending (the 409 reason is shown), then forced, listing the MNs left behind;
// the old prefix is retired, and a left-behind MN that wakes up still lands on its planned address.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { bootstrap, httpTransport, status } from "@/lib/mn/client";
import { parseAddress, parsePrefix, valueToAddress } from "@/lib/domain/ipv6";
import { adminToken, recordSecret, runTag, seedTopology, signIn } from "./fixtures";

const IID_MASK = (1n << 64n) - 1n;

/** The old HoA moved into the new /64 with its interface identifier (the low 64 bits) unchanged. */
function sameIid(oldAddress: string, newPrefix: string): string {
  const a = parseAddress(oldAddress);
  const p = parsePrefix(newPrefix);
  if (!a.ok || !p.ok) throw new Error(`bad address ${oldAddress} or prefix ${newPrefix}`);
  return valueToAddress(p.network | (a.value & IID_MASK));
}

/** `npm run cli -- user create` for an operator scoped to one provider, run in the background (a CLI start is slow). */
async function createOperator(email: string, password: string, providerId: string): Promise<void> {
  const root = path.resolve(__dirname, "..");
  await promisify(execFile)(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "scripts/cli.ts"), "user", "create", "--email", email, "--role", "operator", "--provider", providerId, "--password", password],
    { cwd: root, env: process.env, timeout: 60_000 },
  );
}

async function createSubscriber(request: APIRequestContext, nai: string, msaProviderId: string): Promise<string> {
  const res = await request.post("/api/v1/subscribers", { headers: { Authorization: `Bearer ${adminToken()}` }, data: { nai, msaProviderId } });
  expect(res.status(), await res.text()).toBe(201);
  const { secret } = (await res.json()) as { secret: string };
  recordSecret(secret);
  return secret;
}

// About a minute on the shared 2-core machine under heavy load (load average 16); the limit leaves room.
test.setTimeout(120_000);

test("an operator renumbers a home prefix in the UI while MNs re-bootstrap through the MN client", async ({ page, request, baseURL }) => {
  const topo = await seedTopology(request);
  const tag = runTag();
  // The same /64 one hextet over: 2001:db8:e2e:N::/64 → 2001:db8:e2f:N::/64, typed in another spelling.
  const newPrefix = topo.prefix.replace("2001:db8:e2e:", "2001:db8:e2f:");
  const typedNewPrefix = newPrefix.replace("2001:db8:", "2001:0DB8:").toUpperCase().replace("::/64", ":0:0:0:0/64");
  const transport = httpTransport(baseURL!);
  // An operator scoped to this provider, made while the MNs bootstrap.
  const opEmail = `op-${tag}@e2e.example`;
  const opPassword = `Renumber-${tag}-${Date.now().toString(36)}-Ok!`;
  recordSecret(opPassword);
  const operatorMade = createOperator(opEmail, opPassword, topo.providerId);

  // ---- six MNs bootstrap once and hold HoAs in the old prefix
  const mns = await Promise.all(
    [1, 2, 3, 4, 5, 6].map(async (i) => {
      const nai = `rn-${tag}-${i}@${topo.realm}`;
      const secret = await createSubscriber(request, nai, topo.providerId);
      const r = await bootstrap({ transport, nai, secret, trigger: "boot" });
      if (!r.ok) throw new Error(`${nai}: ${JSON.stringify(r)}`);
      expect(r.homePrefix).toBe(topo.prefix);
      return { nai, secret, hoa: r.homeAddress, newHoa: sameIid(r.homeAddress, newPrefix) };
    }),
  );

  // ---- the operator signs in
  await operatorMade;
  await signIn(page, opEmail, opPassword);
  await expect(page).toHaveURL(/\/dashboard/);

  // ---- plan from the prefix list
  await page.goto(`/prefixes?q=${encodeURIComponent(topo.prefix)}`);
  const prefixRow = page.getByRole("table", { name: "Home link prefixes" }).getByRole("row").filter({ hasText: topo.prefix });
  await expect(prefixRow).toContainText("active");
  await prefixRow.getByRole("link", { name: "Renumber" }).click();
  await expect(page.getByRole("heading", { name: "New renumbering" })).toBeVisible();
  await expect(page.getByLabel("Prefix to renumber")).toHaveValue(/.+/);
  await expect(page.getByLabel("Prefix to renumber").locator("option:checked")).toHaveText(`${topo.prefix} (6 assigned)`);
  await page.getByLabel("New prefix").fill(typedNewPrefix);
  await page.getByLabel("Dormant after (days unseen)").fill("7");
  await page.getByRole("button", { name: "Plan and preview" }).click();

  // ---- the preview: every subscriber's new HoA keeps its interface identifier
  await expect(page.getByRole("heading", { name: `Renumbering ${topo.prefix} → ${newPrefix}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Preview" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Affected" })).toContainText("6");
  const members = page.getByRole("table", { name: "Affected subscribers and their new home address" });
  await expect(members.getByRole("row")).toHaveCount(1 + 6);
  for (const mn of mns) {
    const cells = members.getByRole("row").filter({ hasText: mn.nai }).getByRole("cell");
    await expect(cells).toHaveText([mn.nai, mn.hoa, mn.newHoa, "", "pending"]);
  }

  // ---- announce
  await page.getByRole("button", { name: "Announce" }).click();
  const announceDialog = page.getByRole("dialog", { name: "Announce this renumbering?" });
  await expect(announceDialog).toContainText("all 6 affected mobile nodes");
  await announceDialog.getByRole("button", { name: "Announce" }).click();
  await expect(page.getByRole("heading", { name: "Subscribers" })).toBeVisible();
  await expect(page.getByText("announced", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("group", { name: "Pending" })).toContainText("6");
  await expect(page.getByRole("figure", { name: /renumbering progress: now 0 migrated, 6 pending, 0 dormant/ })).toBeVisible();

  // ---- the MNs learn of it from their status call; three of them re-bootstrap onto the new prefix
  const [moving, staying] = [mns.slice(0, 3), mns.slice(3)];
  for (const st of await Promise.all(mns.map((mn) => status({ transport, nai: mn.nai, secret: mn.secret })))) {
    expect(st).toMatchObject({ ok: true, rebootstrapRequired: true, reason: "renumbering" });
  }
  for (const mn of moving) {
    const r = await bootstrap({ transport, nai: mn.nai, secret: mn.secret, trigger: "prefix-change" });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (!r.ok) return;
    expect(r.homePrefix).toBe(newPrefix);
    expect(r.homeAddress).toBe(mn.newHoa);
    expect((await status({ transport, nai: mn.nai, secret: mn.secret })) as unknown).toMatchObject({ rebootstrapRequired: false });
  }

  // ---- the page after a reload: exact counts, the chart and each member's state
  await page.reload();
  await expect(page.getByRole("group", { name: "Migrated" })).toContainText("3");
  await expect(page.getByRole("group", { name: "Pending" })).toContainText("3");
  await expect(page.getByRole("group", { name: "Dormant" })).toContainText("0");
  const chart = page.getByRole("figure", { name: "Line chart of renumbering progress: now 3 migrated, 3 pending, 0 dormant" });
  await expect(chart).toBeVisible();
  await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
  for (const series of ["Migrated", "Pending", "Dormant"]) await expect(chart.getByText(series, { exact: true })).toBeVisible();
  await expect(chart.locator("path.recharts-line-curve")).toHaveCount(3);
  for (const mn of moving) await expect(members.getByRole("row").filter({ hasText: mn.nai })).toContainText("migrated");
  for (const mn of staying) await expect(members.getByRole("row").filter({ hasText: mn.nai })).toContainText("pending");

  // ---- complete: refused while MNs are pending (the server's 409 reason), then forced
  await page.getByRole("button", { name: "Complete…" }).click();
  const completeDialog = page.getByRole("dialog", { name: "Complete this renumbering?" });
  await expect(completeDialog).toContainText("3 mobile nodes have not migrated yet (3 pending, 0 dormant)");
  await completeDialog.getByRole("button", { name: "Complete" }).click();
  await expect(completeDialog.getByText("3 subscribers are still pending and 0 dormant")).toBeVisible();
  await expect(page.getByText("announced", { exact: true }).first()).toBeVisible();
  await completeDialog.getByRole("checkbox", { name: /Leave the mobile nodes that have not migrated behind/ }).check();
  await completeDialog.getByRole("button", { name: "Complete" }).click();
  await expect(completeDialog).toBeHidden();
  await expect(page.getByText("completed", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Left behind: 3 mobile nodes" })).toBeVisible();
  const leftBehind = page.getByRole("table", { name: "Mobile nodes left behind by the completion" });
  await expect(leftBehind.getByRole("row")).toHaveCount(1 + 3);
  for (const mn of staying) {
    await expect(leftBehind.getByRole("row").filter({ hasText: mn.nai }).getByRole("cell")).toHaveText([mn.nai, mn.hoa, mn.newHoa, "pending", /.+/]);
  }

  // ---- the old prefix is retired; the new one is active
  await page.goto(`/prefixes?q=${encodeURIComponent(topo.prefix)}`);
  await expect(page.getByRole("table", { name: "Home link prefixes" }).getByRole("row").filter({ hasText: topo.prefix })).toContainText("retired");
  await page.goto(`/prefixes?q=${encodeURIComponent(newPrefix)}`);
  await expect(page.getByRole("table", { name: "Home link prefixes" }).getByRole("row").filter({ hasText: newPrefix })).toContainText("active");

  // ---- a left-behind MN wakes up: still flagged, it moves to its planned address
  const sleeper = staying[0];
  expect(await status({ transport, nai: sleeper.nai, secret: sleeper.secret })).toMatchObject({ ok: true, rebootstrapRequired: true, reason: "renumbering" });
  const woke = await bootstrap({ transport, nai: sleeper.nai, secret: sleeper.secret, trigger: "prefix-change" });
  expect(woke.ok && woke.homeAddress, JSON.stringify(woke)).toBe(sleeper.newHoa);
});
