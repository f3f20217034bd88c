// A generated password is a one-time password: the console makes its user choose a new one before
// anything else, and only the new one works afterwards.
import { expect, test } from "@playwright/test";
import { runScript, runTag, signIn } from "./fixtures";

test("a user with a generated password must change it at first sign-in", async ({ page, browser }) => {
  const email = `ops-${runTag()}@e2e.example`;
  const out = runScript("scripts/cli.ts", ["user", "create", "--email", email, "--role", "admin"]);
  const generated = /Initial password \(shown once; must be changed at first sign-in\): (\S+)/.exec(out)?.[1];
  expect(generated, out).toBeTruthy();

  await signIn(page, email, generated!);
  await expect(page).toHaveURL(/\/account\/password/);
  // Nothing to navigate to while the change is pending.
  const menu = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Subscribers" });
  await expect(menu).toHaveCount(0);
  // Every other page sends the user back here until the password is changed.
  await page.goto("/subscribers");
  await expect(page).toHaveURL(/\/account\/password/);

  const newPassword = `e2e-New-${runTag()}-${runTag()}`;
  await page.getByLabel("Current password").fill(generated!);
  await page.getByLabel("New password").fill(newPassword);
  await page.getByLabel("Confirm password").fill(`${newPassword}x`);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#confirmPassword-error")).not.toBeEmpty();
  await expect(page).toHaveURL(/\/account\/password/);

  await page.getByLabel("Current password").fill(generated!);
  await page.getByLabel("New password").fill(newPassword);
  await page.getByLabel("Confirm password").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByTestId("signed-in-user")).toHaveText(email);
  // The menu is there right after the change, not only after the next navigation (the shared layout is re-rendered).
  await expect(menu).toBeVisible();

  // In a fresh browser: the generated password no longer works, the new one does.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await signIn(fresh, email, generated!);
  await expect(fresh.getByText(/Invalid email or password/)).toBeVisible();
  await signIn(fresh, email, newPassword);
  await expect(fresh).toHaveURL(/\/dashboard/);
  await other.close();
});
