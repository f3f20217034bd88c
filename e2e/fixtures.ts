// Shared helpers for the end-to-end specs. playwright.config.ts exports the server's settings through
// process.env (E2E_*, DATABASE_URL, CONSOLE_KEY_FILE): the specs sign in with the admin it created and
// seed their own data through the real operator API, with a token from the real CLI.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

const root = path.resolve(__dirname, "..");
const tsxCli = path.join(root, "node_modules/tsx/dist/cli.mjs");

export const admin = {
  email: process.env.E2E_ADMIN_EMAIL ?? "",
  password: process.env.E2E_ADMIN_PASSWORD ?? "",
};

/** Note a secret (token, password, subscriber secret) so e2e/zz-log-secrets.spec.ts can check no log shows it. */
export function recordSecret(value: string | null | undefined): void {
  const file = process.env.E2E_SECRETS_FILE;
  if (file && value && value.length >= 8) fs.appendFileSync(file, `${value}\n`);
}

/** A short random tag so every run's names, realms and prefixes are its own. */
export function runTag(): string {
  return crypto.randomBytes(3).toString("hex");
}

/** Run one of the project's TypeScript CLIs against the e2e server's database; returns stdout. */
export function runScript(script: string, args: string[]): string {
  return execFileSync(process.execPath, [tsxCli, path.join(root, script), ...args], {
    cwd: root,
    env: process.env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000,
  });
}

/** `npm run mn -- bootstrap ...`: the MN client over HTTP. Returns its JSON answer and exit code. */
export function mnBootstrap(baseURL: string, nai: string, secret: string, servingRealm = ""): { code: number; result: Record<string, unknown> } {
  recordSecret(secret);
  try {
    // --secret=<value>: a base64url secret may start with "-", which parseArgs would take for an option.
    const out = runScript("scripts/mn.ts", ["bootstrap", "--nai", nai, `--secret=${secret}`, "--serving", servingRealm, "--url", baseURL]);
    return { code: 0, result: JSON.parse(out) as Record<string, unknown> };
  } catch (e) {
    const err = e as { status?: number; stdout?: string };
    return { code: err.status ?? 1, result: JSON.parse(err.stdout || "{}") as Record<string, unknown> };
  }
}

let cachedToken: string | null = null;

/** A bearer token for the admin, made by `npm run cli -- token create` (its last output line). */
export function adminToken(): string {
  if (!cachedToken) {
    const out = runScript("scripts/cli.ts", ["token", "create", "--email", admin.email, "--name", `e2e-${runTag()}`]);
    cachedToken = out.trim().split("\n").pop()!.trim();
    recordSecret(cachedToken);
  }
  return cachedToken;
}

export type Topology = { providerId: string; providerName: string; realm: string; homeAgentName: string; prefix: string };

/** A home MSP (MSP+MSA) with one realm, one HA and one /64, created through POST /api/v1/*. */
export async function seedTopology(request: APIRequestContext): Promise<Topology> {
  const tag = runTag();
  const headers = { Authorization: `Bearer ${adminToken()}` };
  const n = parseInt(tag.slice(0, 4), 16);
  const post = async (url: string, data: Record<string, unknown>) => {
    const res = await request.post(url, { headers, data });
    expect(res.status(), `${url}: ${await res.text()}`).toBe(201);
    return (await res.json()) as { id: string };
  };
  const providerName = `E2E Mobility ${tag}`;
  const realm = `e2e-${tag}.example`;
  const provider = await post("/api/v1/providers", { name: providerName, realms: [realm], roles: ["MSP", "MSA"] });
  const homeAgentName = `ha-e2e-${tag}`;
  const ha = await post("/api/v1/home-agents", {
    providerId: provider.id,
    name: homeAgentName,
    fqdn: `ha1.${realm}`,
    address: `2001:db8:e2e:${n.toString(16)}::1`,
    region: "e2e",
    capacity: 100,
  });
  const prefix = `2001:db8:e2e:${n.toString(16)}::/64`;
  await post("/api/v1/prefixes", { homeAgentId: ha.id, prefix });
  return { providerId: provider.id, providerName, realm, homeAgentName, prefix };
}

/** Sign in through the form, as a person would. */
export async function signIn(page: Page, email = admin.email, password = admin.password): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
