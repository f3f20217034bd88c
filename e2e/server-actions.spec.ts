// Every server action through real Next.js requests against the production build: the role/scope matrix
// and a fuzz of malformed arguments and bodies (issue 5).
//
// - The actions are enumerated from the build's own manifest (<dist>/server/server-reference-manifest.json:
//   action id → { workers, filename, exportedName }). An action the matrix below does not cover fails the
//   run, and so does a manifest without actions.
// - Calls are encoded as the browser encodes them: React's encodeReply from Next's compiled
//   react-server-dom-webpack client, after Next's own omitUnusedArgs, POSTed to a page with the Next-Action
//   header and this origin. Answers are Flight (text/x-component); the action's return value is row "a".
// - Sessions are made through the real sign-in endpoints: next-auth's credentials callback for admin, the
//   operators of A and of B and the auditor; the portal sign-in action for a subscriber of A; and nobody.
// - Each role calls each action aimed at provider B's objects (e2e/server-actions-world.ts makes them). A role
//   that may not do it must be refused and leave the database exactly as it was; A's operator, the auditor,
//   anonymous and the subscriber never change a row of B, whatever the answer. A few calls must succeed.
// - Fuzz: wrong arity, non-FormData for FormData, huge strings, nested objects, unicode/NUL, bad ids, and
//   bodies no browser sends (not JSON, dangling references, broken multipart): never a 5xx, nothing changed.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { recordSecret, runTag } from "./fixtures";

const root = path.resolve(__dirname, "..");
const requireFromRoot = createRequire(path.join(root, "package.json"));

type Flight = { encodeReply(value: unknown, options?: { temporaryReferences?: unknown }): Promise<string | FormData>; createTemporaryReferenceSet(): unknown };
type ReferenceInfo = { type: string; usedArgs: boolean[]; hasRestArgs: boolean };
type ReferenceInfoModule = { extractInfoFromServerReferenceId(id: string): ReferenceInfo; omitUnusedArgs(args: unknown[], info: ReferenceInfo): unknown[] };
const flight = requireFromRoot("next/dist/compiled/react-server-dom-webpack/client.node.js") as Flight;
const referenceInfo = requireFromRoot("next/dist/shared/lib/server-reference-info.js") as ReferenceInfoModule;

// ------------------------------------------------------------------------------------------ the manifest

type ManifestAction = { id: string; key: string; file: string; name: string; pages: string[] };

function manifestActions(): ManifestAction[] {
  const dist = process.env.E2E_DIST_DIR || ".next-e2e";
  const file = path.join(root, dist, "server", "server-reference-manifest.json");
  type Entry = { workers?: Record<string, unknown>; filename?: string; exportedName?: string };
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node?: Record<string, Entry>; edge?: Record<string, Entry> };
  const out: ManifestAction[] = [];
  for (const runtime of [manifest.node ?? {}, manifest.edge ?? {}]) {
    for (const [id, entry] of Object.entries(runtime)) {
      if (!entry.filename || !entry.exportedName) throw new Error(`${file}: action ${id} has no filename/exportedName (manifest format changed?)`);
      out.push({ id, key: `${entry.filename}#${entry.exportedName}`, file: entry.filename, name: entry.exportedName, pages: Object.keys(entry.workers ?? {}) });
    }
  }
  return out.sort((x, y) => x.key.localeCompare(y.key));
}

// ------------------------------------------------------------------------------------------ the world

type Ids = Record<string, string>;
type World = {
  tag: string;
  n: string;
  a: Ids;
  b: Ids;
  c: Ids;
  users: Record<"admin" | "opA" | "opB" | "auditor" | "targetB", { email: string; password: string; id: string }>;
  portal: { nai: string; password: string };
  B: Ids;
  secrets: string[];
};

function buildWorld(tag: string): World {
  const out = execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "e2e/server-actions-world.ts"), tag], {
    cwd: root,
    env: process.env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 120_000,
  });
  const world = JSON.parse(out.trim().split("\n").pop()!) as World;
  for (const s of world.secrets) recordSecret(s);
  return world;
}

// ------------------------------------------------------------------------------------------ the database

const VOLATILE_TABLES = new Set(["_prisma_migrations", "RateCounter", "ReplayNonce", "BootstrapSession", "RenumberingEvent", "Job"]);
// Sign-in counters and locks move on wrong passwords (a refusal may count one); timestamps follow other changes.
const VOLATILE_COLUMNS = new Set(["updatedAt", "lastUsedAt", "failedLogins", "lockedUntil", "portalFailedLogins", "portalLockedUntil", "lockedBy", "lockedAt"]);
// The drain sweep moves other specs' renumbering members along in the background (pending → dormant).
const VOLATILE_TABLE_COLUMNS: Record<string, string[]> = { RenumberingMember: ["state", "migratedAt"] };

type Snapshot = Map<string, string>;

function openDb(): Database.Database {
  const url = process.env.DATABASE_URL ?? "";
  if (!url.startsWith("file:")) throw new Error("this spec reads the e2e server's SQLite database (DATABASE_URL=file:…)");
  return new Database(url.slice("file:".length), { readonly: true, fileMustExist: true });
}

function snapshot(db: Database.Database): Snapshot {
  const rows: Snapshot = new Map();
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
  for (const table of tables) {
    if (VOLATILE_TABLES.has(table)) continue;
    for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
      const kept = Object.fromEntries(Object.entries(row).filter(([k]) => !VOLATILE_COLUMNS.has(k) && !VOLATILE_TABLE_COLUMNS[table]?.includes(k)));
      const json = JSON.stringify(kept);
      rows.set(`${table}:${String(row.id ?? row.key ?? json)}`, json);
    }
  }
  return rows;
}

/** Rows added, removed or changed between two snapshots, as "table:id" plus their contents. */
function diff(before: Snapshot, after: Snapshot): { key: string; before?: string; after?: string }[] {
  const out: { key: string; before?: string; after?: string }[] = [];
  for (const [k, v] of after) if (before.get(k) !== v) out.push({ key: k, before: before.get(k), after: v });
  for (const [k, v] of before) if (!after.has(k)) out.push({ key: k, before: v });
  return out;
}

/** Wait (up to 20 s) for a background job to end; true when it did. */
async function waitForJob(jobId: string): Promise<boolean> {
  for (let i = 0; i < 80; i++) {
    const row = db.prepare("SELECT state FROM Job WHERE id = ?").get(jobId) as { state: string } | undefined;
    if (row && (row.state === "succeeded" || row.state === "failed")) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

// ------------------------------------------------------------------------------------------ calling actions

type Body = { data: Buffer | string; contentType: string };
type Call = {
  status: number;
  /** where the action redirected (x-action-redirect), or the proxy's Location */
  redirect: string | null;
  /** the action's return value (row "a" of the Flight answer); { $error } for a thrown error */
  result: unknown;
  text: string;
};

async function encode(args: unknown[]): Promise<Body> {
  const encoded = await flight.encodeReply(args, { temporaryReferences: flight.createTemporaryReferenceSet() });
  if (typeof encoded === "string") return { data: encoded, contentType: "text/plain;charset=UTF-8" };
  const wire = new Response(encoded);
  return { data: Buffer.from(await wire.arrayBuffer()), contentType: wire.headers.get("content-type")! };
}

/** The browser's encoding: Next drops the arguments the action never reads (its id says which). */
function browserArgs(id: string, args: unknown[]): unknown[] {
  return referenceInfo.omitUnusedArgs(args, referenceInfo.extractInfoFromServerReferenceId(id));
}

/** The Flight rows of an answer (id → raw text), enough to read the action's plain JSON return value. */
function flightRows(buf: Buffer): Map<string, string> {
  const rows = new Map<string, string>();
  let i = 0;
  while (i < buf.length) {
    const colon = buf.indexOf(0x3a, i);
    if (colon < 0) break;
    const id = buf.subarray(i, colon).toString();
    if (buf[colon + 1] === 0x54) {
      // T<hex length>,<text>: a text row with no newline
      const comma = buf.indexOf(0x2c, colon);
      const len = parseInt(buf.subarray(colon + 2, comma).toString(), 16);
      rows.set(id, JSON.stringify(buf.subarray(comma + 1, comma + 1 + len).toString()));
      i = comma + 1 + len;
      continue;
    }
    const nl = buf.indexOf(0x0a, colon);
    const end = nl < 0 ? buf.length : nl;
    rows.set(id, buf.subarray(colon + 1, end).toString());
    i = end + 1;
  }
  return rows;
}

function flightValue(rows: Map<string, string>, id: string, depth = 0): unknown {
  const raw = rows.get(id);
  if (raw === undefined || depth > 20) return undefined;
  if (raw.startsWith("E")) return { $error: raw.slice(1) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { $unparsed: raw };
  }
  const resolve = (v: unknown): unknown => {
    if (typeof v === "string" && v.startsWith("$")) {
      if (v.startsWith("$$")) return v.slice(1);
      if (v === "$undefined") return undefined;
      const ref = /^\$@?([0-9a-f]+)$/.exec(v);
      if (ref) return flightValue(rows, ref[1], depth + 1);
      return v;
    }
    if (Array.isArray(v)) return v.map(resolve);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
    return v;
  };
  return resolve(parsed);
}

async function post(ctx: APIRequestContext, page: string, actionId: string, body: Body, headers: Record<string, string> = {}): Promise<Call> {
  const res = await ctx.post(page, {
    data: body.data,
    headers: { "content-type": body.contentType, "next-action": actionId, origin: process.env.E2E_BASE_URL!, accept: "text/x-component", ...headers },
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  const buf = await res.body();
  const h = res.headers();
  let result: unknown = undefined;
  if ((h["content-type"] ?? "").startsWith("text/x-component")) {
    const rows = flightRows(buf);
    const rootRow = flightValue(rows, "0") as { a?: unknown } | undefined;
    result = rootRow && typeof rootRow === "object" ? rootRow.a : undefined;
  }
  const redirect = h["x-action-redirect"]?.split(";")[0] ?? (res.status() >= 300 && res.status() < 400 ? h.location ?? null : null);
  return { status: res.status(), redirect, result, text: buf.toString("utf8", 0, Math.min(buf.length, 400)) };
}

const describe = (c: Call) => `HTTP ${c.status}${c.redirect ? ` → ${c.redirect}` : ""} ${JSON.stringify(c.result)?.slice(0, 300) ?? ""} ${c.result === undefined ? c.text.slice(0, 200) : ""}`;

/** Where a refused visitor is sent: a sign-in page or the pending password change. */
function isGateRedirect(location: string): boolean {
  const u = new URL(location, "http://x");
  return ["/signin", "/portal/signin", "/account/password"].includes(u.pathname) && !u.searchParams.has("welcome");
}

function succeeded(c: Call): boolean {
  if (c.status >= 400) return false;
  if (c.redirect) return !isGateRedirect(c.redirect);
  const r = c.result as { ok?: unknown } | null | undefined;
  if (r === null || r === undefined) return false;
  if (typeof r === "object" && "$error" in r) return false;
  if (typeof r === "object" && "ok" in r) return r.ok === true;
  return true; // a read (job progress): the value itself
}

// ------------------------------------------------------------------------------------------ the matrix

type Role = "opA" | "auditor" | "anon" | "subscriber" | "opB" | "admin";
// Roles that may not touch B come first, so B's objects are still as seeded when they try.
const ROLES: Role[] = ["opA", "auditor", "anon", "subscriber", "opB", "admin"];
const OUTSIDERS: Role[] = ["opA", "auditor", "anon", "subscriber"];

type Case = {
  /** the page whose form or component calls it (where the browser posts) */
  page: (w: World) => string;
  /** the arguments aimed at B's objects; `u` is unique per call */
  args: (w: World, u: number) => unknown[];
  /** roles that may do it (to B); everybody else must be refused */
  allowed: Role[];
  /** roles for which this call must succeed */
  positive?: Role[];
  /**
   * A successful-looking answer that still did nothing to B: a bulk request that skipped everything, an
   * import job whose rows were all refused (awaited here, before the database is compared).
   */
  refusedAnyway?: (c: Call, u: number) => boolean | Promise<boolean>;
  /** the answer's secrets, for e2e/zz-log-secrets.spec.ts */
  secrets?: (c: Call) => (string | undefined)[];
};

function form(fields: Record<string, string | string[] | File>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v)) for (const x of v) f.append(k, x);
    else f.append(k, v);
  }
  return f;
}

const hex2 = (u: number) => (u % 256).toString(16).padStart(2, "0");
const ALL_ROLES = ["MSA", "MSP", "ASA", "ASP"];
const resultField = (c: Call, k: string) => (c.result as Record<string, unknown> | undefined)?.[k] as string | undefined;

const CASES: Record<string, Case> = {
  "app/(console)/account/password/actions.ts#changePasswordAction": {
    page: () => "/account/password",
    args: (_w, u) => [null, form({ currentPassword: `wrong-${u}-password`, newPassword: `New-pass-${u}-long-enough!`, confirmPassword: `New-pass-${u}-long-enough!` })],
    allowed: [],
  },
  "app/(console)/account/security/actions.ts#enrolTotpAction": {
    page: () => "/account/security",
    args: (_w, u) => [null, form({ pending: `junk-${u}`, code: "123456", currentPassword: `wrong-${u}` })],
    allowed: [],
  },
  "app/(console)/account/security/actions.ts#removeTotpAction": {
    page: () => "/account/security",
    args: () => [null, form({ code: "123456" })],
    allowed: [],
  },
  "app/(console)/agreements/actions.ts#createAgreementAction": {
    page: () => "/agreements/new",
    // C (MSP) offers mobility to B (MSA): a draft B's operator may propose; each call its own window.
    args: (w, u) => [null, form({ kind: "mobility", fromProviderId: w.c.provider, toProviderId: w.B.provider, status: "draft", validFrom: `${2100 + u}-01-01T00:00`, validUntil: `${2100 + u}-06-30T00:00` })],
    allowed: ["admin", "opB"],
    positive: ["admin", "opB"],
  },
  "app/(console)/agreements/actions.ts#deleteAgreementAction": {
    page: (w) => `/agreements/${w.B.agreementDelete}`,
    args: (w) => [null, form({ id: w.B.agreementDelete })],
    allowed: ["admin", "opB"],
    positive: ["opB"],
  },
  "app/(console)/agreements/actions.ts#setAgreementStatusAction": {
    page: (w) => `/agreements/${w.B.agreement}`,
    args: (w) => [null, form({ id: w.B.agreement, status: "active" })],
    allowed: ["admin", "opB"],
    positive: ["opB"],
  },
  "app/(console)/agreements/actions.ts#updateAgreementAction": {
    page: (w) => `/agreements/${w.B.agreement}`,
    args: (w, u) => [null, form({ id: w.B.agreement, validFrom: `2026-02-${String((u % 27) + 1).padStart(2, "0")}T00:00`, validUntil: "" })],
    allowed: ["admin", "opB"],
    positive: ["opB", "admin"],
  },
  "app/(console)/home-agents/actions.ts#createHomeAgentAction": {
    page: () => "/home-agents",
    args: (w, u) => [null, form({ providerId: w.B.provider, name: `sa-ha-${w.tag}-${u}`, fqdn: `ha${u}.${w.B.realm}`, address: `2001:db8:${w.n}:ff${hex2(u)}::1`, region: "e2e", capacity: "10", state: "in-service" })],
    allowed: ["admin", "opB"],
    positive: ["admin", "opB"],
  },
  "app/(console)/leases/actions.ts#releaseLeaseAction": {
    page: () => "/leases",
    args: (w) => [null, form({ id: w.B.lease })],
    allowed: ["admin", "opB"],
    positive: ["opB"],
  },
  "app/(console)/prefixes/actions.ts#allocateSlash64Action": {
    page: () => "/prefixes",
    args: (w) => [null, form({ aggregateId: w.B.aggregate, homeAgentId: w.B.ha })],
    allowed: ["admin", "opB"],
    positive: ["admin", "opB"],
  },
  "app/(console)/prefixes/actions.ts#createAggregateAction": {
    page: () => "/prefixes",
    args: (w, u) => [null, form({ providerId: w.B.provider, prefix: `2001:db8:${w.n}:${(u % 14) + 1}00::/56` })],
    allowed: ["admin", "opB"],
    positive: ["admin", "opB"],
  },
  "app/(console)/prefixes/actions.ts#createPrefixAction": {
    page: () => "/prefixes",
    args: (w, u) => [null, form({ homeAgentId: w.B.ha, prefix: `2001:db8:${w.n}:e${hex2(u)}::/64`, state: "active" })],
    allowed: ["admin", "opB"],
    positive: ["admin", "opB"],
  },
  "app/(console)/providers/actions.ts#createProviderAction": {
    page: () => "/providers",
    args: (w, u) => [null, form({ name: `SA new ${w.tag} ${u}`, realmName: `new${u}-${w.tag}.sa.example`, realmRegion: "", roles: ["MSA"] })],
    allowed: ["admin"],
    positive: ["admin"],
  },
  "app/(console)/providers/actions.ts#deleteProviderAction": {
    page: (w) => `/providers/${w.B.provider}`,
    // B still has home agents and subscribers: even an admin gets a 409 that names them.
    args: (w) => [null, form({ id: w.B.provider })],
    allowed: ["admin"],
  },
  "app/(console)/providers/actions.ts#updateProviderAction": {
    page: (w) => `/providers/${w.B.provider}`,
    args: (w, u) => [null, form({ id: w.B.provider, name: `SA B ${w.tag} renamed ${u}`, realmName: w.B.realm, realmRegion: "", roles: ALL_ROLES })],
    allowed: ["admin"],
    positive: ["admin"],
  },
  "app/(console)/rebootstrap/actions.ts#bulkRebootstrapAction": {
    page: () => "/subscribers",
    args: (w) => [null, form({ subscriberIds: [w.B.subscriber] })],
    allowed: ["admin", "opB"],
    positive: ["opB"],
    refusedAnyway: (c) => (c.result as { flagged?: number } | undefined)?.flagged === 0,
  },
  "app/(console)/rebootstrap/actions.ts#clearFlagAction": {
    page: () => "/rebootstrap",
    args: (w) => [null, form({ id: w.B.flagged })],
    allowed: ["admin", "opB"],
    positive: ["opB"],
  },
  "app/(console)/renumberings/actions.ts#announceRenumberingAction": {
    page: (w) => `/renumberings/${w.B.renumberingAnnounce}`,
    args: (w) => [null, form({ id: w.B.renumberingAnnounce })],
    allowed: ["admin", "opB"],
    positive: ["opB"],
  },
  "app/(console)/renumberings/actions.ts#cancelRenumberingAction": {
    page: (w) => `/renumberings/${w.B.renumberingCancel}`,
    args: (w) => [null, form({ id: w.B.renumberingCancel })],
    allowed: ["admin", "opB"],
    positive: ["opB"],
  },
  "app/(console)/renumberings/actions.ts#completeRenumberingAction": {
    page: (w) => `/renumberings/${w.B.renumberingAnnounce}`,
    args: (w) => [null, form({ id: w.B.renumberingAnnounce, force: "true" })],
    allowed: ["admin", "opB"],
  },
  "app/(console)/renumberings/actions.ts#jobProgressAction": {
    page: (w) => `/renumberings/${w.B.renumberingAnnounce}`,
    // B's operator's import job: its owner, an admin and the (read-only, unscoped) auditor may read it.
    args: (w) => [w.B.job],
    allowed: ["admin", "opB", "auditor"],
    positive: ["admin", "opB"],
  },
  "app/(console)/renumberings/actions.ts#planRenumberingAction": {
    page: () => "/renumberings/new",
    args: (w, u) => [null, form({ prefixId: w.B.planPrefix, newPrefix: `2001:db8:${w.n}:d${hex2(u)}::/64`, dormantAfterDays: "7" })],
    allowed: ["admin", "opB"],
    positive: ["opB"],
  },
  "app/(console)/settings/actions.ts#applyStalenessAction": {
    page: () => "/settings",
    args: () => [],
    allowed: ["admin"],
    positive: ["admin"],
  },
  "app/(console)/settings/actions.ts#saveStalenessAction": {
    page: () => "/settings",
    // 0 = off: the minute sweep must not start flagging other specs' subscribers.
    args: () => [null, form({ days: "0", hours: "0" })],
    allowed: ["admin"],
    positive: ["admin"],
  },
  "app/(console)/subscribers/actions.ts#createSubscriberAction": {
    page: () => "/subscribers/new",
    args: (w, u) => [null, form({ nai: `new${u}@${w.B.realm}`, msaProviderId: w.B.provider, homeAddressPolicy: "dynamic" })],
    allowed: ["admin", "opB"],
    positive: ["admin", "opB"],
    secrets: (c) => [resultField(c, "secret")],
  },
  "app/(console)/subscribers/import/actions.ts#importProgressAction": {
    page: () => "/subscribers/import",
    args: (w) => [w.B.job],
    allowed: ["admin", "opB", "auditor"],
    positive: ["admin", "opB"],
  },
  "app/(console)/subscribers/import/actions.ts#startImportAction": {
    page: () => "/subscribers/import",
    args: (w, u) => [null, form({ file: new File([`nai,msaProviderId\nimp${u}@${w.B.realm},${w.B.provider}\n`], "subscribers.csv", { type: "text/csv" }) })],
    allowed: ["admin", "opB"],
    positive: ["admin", "opB"],
    // An operator may start an import for any file; each row is then checked against its scope.
    refusedAnyway: async (c, u) => {
      const jobId = resultField(c, "jobId");
      if (!jobId) return false;
      const done = await waitForJob(jobId);
      const row = db.prepare("SELECT count(*) AS n FROM Subscriber WHERE nai = ?").get(`imp${u}@${world.B.realm}`) as { n: number };
      return done && row.n === 0;
    },
  },
  "app/(console)/subscribers/portal-invite-actions.ts#createPortalInviteAction": {
    page: (w) => `/subscribers/${w.B.subscriber}`,
    args: (w) => [w.B.subscriber],
    allowed: ["admin", "opB"],
    positive: ["opB"],
    secrets: (c) => [resultField(c, "path")?.split("/").pop()],
  },
  "app/(console)/users/actions.ts#createUserAction": {
    page: () => "/users",
    args: (w, u) => [null, form({ email: `sa-new-${w.tag}-${u}@e2e.example`, role: "operator", providerIds: [w.B.provider] })],
    allowed: ["admin"],
    positive: ["admin"],
    secrets: (c) => [resultField(c, "password")],
  },
  "app/(console)/users/actions.ts#removeUserTotpAction": {
    page: (w) => `/users/${w.B.user}`,
    args: (w) => [null, form({ id: w.B.user })],
    allowed: ["admin"],
    positive: ["admin"],
  },
  "app/(console)/users/actions.ts#resetPasswordAction": {
    page: (w) => `/users/${w.B.user}`,
    args: (w) => [null, form({ id: w.B.user })],
    allowed: ["admin"],
    positive: ["admin"],
    secrets: (c) => [resultField(c, "password")],
  },
  "app/(console)/users/actions.ts#setUserDisabledAction": {
    page: (w) => `/users/${w.B.user}`,
    args: (w) => [null, form({ id: w.B.user, disabled: "true" })],
    allowed: ["admin"],
    positive: ["admin"],
  },
  "app/(console)/users/actions.ts#updateUserAction": {
    page: (w) => `/users/${w.B.user}`,
    args: (w, u) => [null, form({ id: w.B.user, role: "operator", providerIds: [w.B.provider], name: `renamed ${u}` })],
    allowed: ["admin"],
    positive: ["admin"],
  },
  "app/(portal)/portal/actions.ts#acceptInviteAction": {
    page: () => "/portal/invite/pi_unknown",
    // A token nobody was given (the real one works: see the test after the matrix).
    args: (_w, u) => [`pi_${"x".repeat(40)}${u}`, null, form({ password: `Portal-pass-${u}-long!`, confirmPassword: `Portal-pass-${u}-long!` })],
    allowed: [],
  },
  "app/(portal)/portal/actions.ts#portalRebootstrapAction": {
    page: () => "/portal",
    args: () => [],
    // Only ever the signed-in subscriber itself (A's): it takes no id.
    allowed: ["subscriber"],
    positive: ["subscriber"],
  },
  "app/(portal)/portal/actions.ts#portalRotateSecretAction": {
    page: () => "/portal",
    args: () => [],
    allowed: ["subscriber"],
    positive: ["subscriber"],
    secrets: (c) => [resultField(c, "secret")],
  },
  "app/(portal)/portal/actions.ts#portalSignInAction": {
    page: () => "/portal/signin",
    // B's subscriber with a wrong password.
    args: (w, u) => [null, form({ nai: `alice@${w.B.realm}`, password: `wrong-${u}-password` })],
    allowed: [],
  },
  "app/(portal)/portal/actions.ts#portalSignOutAction": {
    page: () => "/portal",
    args: () => [],
    // Ends only the caller's own cookie; changes no row.
    allowed: ["admin", "opA", "opB", "auditor", "anon", "subscriber"],
  },
};

// ------------------------------------------------------------------------------------------ sessions

async function consoleSession(email: string, password: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL: process.env.E2E_BASE_URL });
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" }, maxRedirects: 0, failOnStatusCode: false });
  expect(res.status(), `sign-in of ${email}`).toBeLessThan(400);
  const session = (await (await ctx.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email, `session of ${email}`).toBe(email);
  return ctx;
}

async function portalSession(actions: Map<string, ManifestAction>, nai: string, password: string, ctx?: APIRequestContext): Promise<APIRequestContext> {
  ctx ??= await playwrightRequest.newContext({ baseURL: process.env.E2E_BASE_URL });
  const signIn = actions.get("app/(portal)/portal/actions.ts#portalSignInAction")!;
  const c = await post(ctx, "/portal/signin", signIn.id, await encode(browserArgs(signIn.id, [null, form({ nai, password })])));
  expect(c.redirect, `portal sign-in: ${describe(c)}`).toBe("/portal");
  const page = await ctx.get("/portal", { maxRedirects: 0 });
  expect(page.status(), "the portal opens with the cookie").toBe(200);
  return ctx;
}

// ------------------------------------------------------------------------------------------ the tests

test.describe.configure({ mode: "serial" });

let world: World;
let actions: Map<string, ManifestAction>;
let sessions: Record<Role, APIRequestContext>;
let db: Database.Database;
let bIds: string[];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  actions = new Map(manifestActions().map((a) => [a.key, a]));
  world = buildWorld(runTag());
  db = openDb();
  bIds = [...Object.values(world.B).filter((v) => !v.startsWith("pi_") && !v.includes(".")), world.users.opB.id];
  const u = world.users;
  const [admin, opA, opB, auditor] = await Promise.all([
    consoleSession(u.admin.email, u.admin.password),
    consoleSession(u.opA.email, u.opA.password),
    consoleSession(u.opB.email, u.opB.password),
    consoleSession(u.auditor.email, u.auditor.password),
  ]);
  const anon = await playwrightRequest.newContext({ baseURL: process.env.E2E_BASE_URL });
  const subscriber = await portalSession(actions, world.portal.nai, world.portal.password);
  sessions = { admin, opA, opB, auditor, anon, subscriber };
});

test.afterAll(async () => {
  db?.close();
  await Promise.all(Object.values(sessions ?? {}).map((s) => s.dispose()));
});

test("the build's manifest lists the server actions, and the matrix covers every one", () => {
  expect(actions.size, "the manifest has no server actions: nothing would be tested").toBeGreaterThan(0);
  const uncovered = [...actions.keys()].filter((k) => !CASES[k]);
  expect(uncovered, "server actions without a row in CASES (add one: who may call it, aimed at B's objects)").toEqual([]);
  const stale = Object.keys(CASES).filter((k) => !actions.has(k));
  expect(stale, "CASES rows for actions the build does not have (renamed or removed?)").toEqual([]);
  for (const a of actions.values()) {
    expect(a.id, a.key).toMatch(/^[0-9a-f]{42}$/);
    // The page a case posts to is one the build bundles the action with (where its form really is).
    const routes = a.pages.map((w) => new RegExp(`^${w.replace(/^app/, "").replace(/\/\([^)]+\)/g, "").replace(/\/page$/, "").replace(/\[[^\]]+\]/g, "[^/]+")}$`));
    const page = CASES[a.key].page(world);
    expect(routes.some((r) => r.test(page)), `${a.key}: ${page} is not one of ${a.pages.join(", ")}`).toBe(true);
  }
});

test("every role against every action, aimed at provider B: refused roles change nothing, outsiders never touch B", async () => {
  test.setTimeout(150_000);
  let u = 0;
  const failures: string[] = [];
  const mentionsB = (row: { before?: string; after?: string }) => bIds.some((id) => (row.before ?? "").includes(id) || (row.after ?? "").includes(id));
  for (const [key, action] of actions) {
    const c = CASES[key];
    for (const role of ROLES) {
      // Anonymous and the subscriber post where no proxy gate stands in front of the action, so the action's
      // own check is what refuses them (the subscriber's cookie lives under /portal).
      const pages = role === "anon" ? [action.file.includes("(portal)") ? "/portal/signin" : "/signin", c.page(world)] : role === "subscriber" ? ["/portal"] : [c.page(world)];
      for (const page of pages) {
        const before = snapshot(db);
        const call = await post(sessions[role], page, action.id, await encode(browserArgs(action.id, c.args(world, ++u))));
        for (const s of c.secrets?.(call) ?? []) recordSecret(s);
        const ok = succeeded(call) && !(c.refusedAnyway && (await c.refusedAnyway(call, u)));
        const changes = diff(before, snapshot(db));
        const what = `${key} as ${role} at ${page}: ${describe(call)}`;
        if (call.status >= 500) failures.push(`5xx: ${what}`);
        if (!c.allowed.includes(role)) {
          if (ok) failures.push(`not refused: ${what}`);
          // A refusal the action reported changed nothing at all. One found afterwards (an import whose
          // rows were each refused) may have left its own trace (the job, its audit entry), never B's rows.
          if (changes.length && !succeeded(call)) failures.push(`refused but changed ${changes.map((d) => d.key).join(", ")}: ${what}`);
        } else if (c.positive?.includes(role) && !ok) {
          failures.push(`expected to succeed: ${what}`);
        }
        if (OUTSIDERS.includes(role) && changes.some(mentionsB)) failures.push(`changed B's rows ${changes.filter(mentionsB).map((d) => d.key).join(", ")}: ${what}`);
      }
    }
  }
  // The subscriber signed itself out last (portalSignOutAction sorts last); sign in again for the fuzz.
  sessions.subscriber = await portalSession(actions, world.portal.nai, world.portal.password, sessions.subscriber);
  expect(failures).toEqual([]);
});

test("a portal invite works for whoever holds its token, once", async () => {
  const accept = actions.get("app/(portal)/portal/actions.ts#acceptInviteAction")!;
  const password = `Invited-${world.tag}-portal-pass!`;
  recordSecret(password);
  const ctx = await playwrightRequest.newContext({ baseURL: process.env.E2E_BASE_URL });
  const args = [world.B.inviteToken, null, form({ password, confirmPassword: password })];
  const first = await post(ctx, `/portal/invite/${world.B.inviteToken}`, accept.id, await encode(browserArgs(accept.id, args)));
  expect(first.redirect, describe(first)).toBe("/portal/signin?welcome=1");
  const again = await post(ctx, `/portal/invite/${world.B.inviteToken}`, accept.id, await encode(browserArgs(accept.id, args)));
  expect(succeeded(again), describe(again)).toBe(false);
  await ctx.dispose();
});

// ------------------------------------------------------------------------------------------ fuzz

const HUGE = "A".repeat(100_000);
const NASTY = ["\u0000", "\u0000\u202e\ud83d\udca5\ud800", "' OR 1=1 --", "../../../etc/passwd", "<script>alert(1)</script>", " \t\u00a0x\r\n ", "%00%ff", "$$weird", "$K1"];

function fieldNames(key: string): string[] {
  const args = CASES[key].args(world, 0);
  const f = args.find((a): a is FormData => a instanceof FormData);
  return f ? [...new Set([...f.keys()])] : ["id"];
}

/** Malformed arguments, encoded with encodeReply but without the browser's argument trimming. */
function fuzzArgs(key: string): unknown[][] {
  const names = fieldNames(key);
  const fill = (v: string | string[]) => form(Object.fromEntries(names.map((n) => [n, v])));
  // Every field a different nasty value, rotated so each field gets each value once over the variants.
  const nasty = (shift: number) => form(Object.fromEntries(names.map((n, i) => [n, NASTY[(i + shift) % NASTY.length]])));
  const rotations = Math.min(NASTY.length, Math.max(3, Math.ceil(NASTY.length / Math.max(1, names.length))));
  return [
    [],
    [null],
    [null, "not a form"],
    [null, 42],
    [null, { nested: { deeper: [1, { id: world.B.subscriber }] }, id: world.B.subscriber }],
    [null, [world.B.subscriber, world.B.provider]],
    [{ id: world.B.subscriber }],
    [[world.B.subscriber]],
    [12345],
    [HUGE],
    [`${world.B.subscriber}\u0000`],
    [null, fill(HUGE)],
    ...Array.from({ length: rotations }, (_, i) => [null, nasty(i)]),
    [null, fill([NASTY[1], NASTY[2]])],
    [null, fill("cm-no-such-id"), "extra", { x: 1 }, 7, [8]],
  ];
}

const TEXT = "text/plain;charset=UTF-8";
function multipart(parts: [string, string][], boundary = "----fuzz"): Body {
  return {
    data: parts.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + `--${boundary}--\r\n`,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Bodies no browser sends: undecodable, dangling references, broken multipart. */
const RAW_BODIES: Record<string, Body> = {
  "not JSON": { data: "{not json", contentType: TEXT },
  empty: { data: "", contentType: TEXT },
  "a number": { data: "5", contentType: TEXT },
  "an object, not an argument list": { data: '{"a":1}', contentType: TEXT },
  "dangling reference": { data: '["$5"]', contentType: TEXT },
  "dangling promise": { data: '["$@ff"]', contentType: TEXT },
  "dangling server reference": { data: '["$h1"]', contentType: TEXT },
  "dangling Map": { data: '["$Q1"]', contentType: TEXT },
  "dangling iterator": { data: '["$i1"]', contentType: TEXT },
  "dangling blob": { data: '["$B1"]', contentType: TEXT },
  "dangling typed array": { data: '["$A1"]', contentType: TEXT },
  "bad BigInt": { data: '["$nxyz"]', contentType: TEXT },
  "path into nothing": { data: '["$1:a:b"]', contentType: TEXT },
  "deep nesting": { data: `${"[".repeat(20_000)}${"]".repeat(20_000)}`, contentType: TEXT },
  "invalid UTF-8": { data: Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x80, 0x22, 0x5d]), contentType: TEXT },
  "JSON content type": { data: "[null]", contentType: "application/json" },
  "multipart, broken root": multipart([["0", "["]]),
  "multipart, no root": multipart([["1", "x"]]),
  "multipart, reference to a missing part": multipart([["0", '[null,"$5"]']]),
  "multipart, wrong boundary": { data: "garbage", contentType: "multipart/form-data; boundary=abc" },
  "multipart, no boundary": { data: "garbage", contentType: "multipart/form-data" },
};

test("fuzz: malformed arguments and bodies to every action never get a 5xx and change nothing", async () => {
  test.setTimeout(150_000);
  // Everybody at once: the admin's cookie and the subscriber's portal cookie in one context, so a junk call
  // reaches as deep as any can. Actions that read no argument would simply run for such a caller, so
  // they get the junk anonymously (their decoding is what is tested).
  const superuser = await playwrightRequest.newContext({ baseURL: process.env.E2E_BASE_URL, storageState: await sessions.admin.storageState() });
  await portalSession(actions, world.portal.nai, world.portal.password, superuser);
  const failures: string[] = [];
  let n = 0;
  for (const [key, action] of actions) {
    const info = referenceInfo.extractInfoFromServerReferenceId(action.id);
    const ctx = info.usedArgs.some(Boolean) || info.hasRestArgs ? superuser : sessions.anon;
    const page = action.file.includes("(portal)") ? "/portal" : CASES[key].page(world);
    const before = snapshot(db);
    // Undecodable bodies fail before any action is chosen (proxy.ts, lib/security/action-body.ts), so each
    // action gets four of them in turn (every kind reaches several actions) and the first action all.
    const raw = Object.entries(RAW_BODIES);
    const rawHere = n++ === 0 ? raw : [0, 1, 2, 3].map((j) => raw[(n * 4 + j) % raw.length]);
    const bodies: [string, Body][] = [
      ...(await Promise.all(fuzzArgs(key).map(async (args, i): Promise<[string, Body]> => [`args #${i}`, await encode(args)]))),
      ...rawHere,
    ];
    for (let i = 0; i < bodies.length; i += 6) {
      await Promise.all(
        bodies.slice(i, i + 6).map(async ([name, body]) => {
          const call = await post(ctx, page, action.id, body);
          if (call.status >= 500) failures.push(`${key} ${name}: ${describe(call)}`);
        }),
      );
    }
    const changes = diff(before, snapshot(db));
    if (changes.length) failures.push(`${key}: junk changed ${changes.map((d) => d.key).join(", ")}`);
  }
  // Action ids that do not exist, or are not ids at all.
  for (const id of ["0".repeat(42), "f".repeat(42), "junk", "", "x".repeat(5000)]) {
    const call = await post(superuser, "/dashboard", id, { data: "[]", contentType: TEXT });
    if (call.status >= 500) failures.push(`action id ${JSON.stringify(id.slice(0, 20))}: ${describe(call)}`);
  }
  await superuser.dispose();
  expect(failures).toEqual([]);
});
