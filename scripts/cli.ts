// Operator command line: `npm run cli -- <command>`. Thin: parses arguments and calls lib/ services.
//   token create --email <user> --name <label> [--expires-days N]   prints the token as its last line
//   user create --email <e> --role admin|operator|auditor [--provider <id|name>]... [--password <pw>]
//   audit verify                                                    exit 0 intact, 1 broken (names the entry)
//   help
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { joinOptionValues } from "@/lib/cli/args";
import { isAppError } from "@/lib/errors";

const HELP = `MIP6 Console command line

Usage: npm run cli -- <command> [options]

Commands:
  token create --email <user> --name <label> [--expires-days <N>]
      Create an API token for an existing user. The token is shown once, as the last line of output.
  user create --email <email> --role admin|operator|auditor [--provider <id or name>]... [--name <name>] [--password <pw>]
      Create a user. An operator needs at least one --provider (its scope). Without --password a random
      one is generated, printed once, and must be changed at first sign-in.
  audit verify
      Walk the audit trail's hash chain. Exit 0 when intact, 1 when an entry was altered, removed or
      re-ordered (the first bad entry's sequence number is printed).
  help
      Show this text.

Uses DATABASE_URL (default file:./data/console.db); pending migrations are applied first.`;

class UsageError extends Error {}

function parse(argv: string[], options: NonNullable<Parameters<typeof parseArgs>[0]>["options"]) {
  try {
    const valueOptions = Object.entries(options ?? {}).filter(([, o]) => o.type === "string").map(([name]) => name);
    return parseArgs({ args: joinOptionValues(argv, valueOptions), options, allowPositionals: false, strict: true }).values as Record<string, string | string[] | undefined>;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== "string" || v.trim() === "") throw new UsageError(`--${name} is required`);
  return v.trim();
}

/**
 * Apply pending migrations first, so the CLI works on a fresh database. The migration runs in a child
 * process: the WebAssembly schema engine's SQLite connection outlives engine.free() and can hold a lock
 * that makes this process's writes fail with SQLITE_BUSY.
 */
async function migrateIfNeeded(db: { $queryRawUnsafe: (sql: string) => Promise<unknown> }): Promise<void> {
  const { migrationsDir } = await import("@/lib/db/migrate");
  const { providerOf, databaseUrl } = await import("@/lib/db/provider");
  const dir = migrationsDir(providerOf(databaseUrl()));
  const wanted = fs.existsSync(dir) ? fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, "migration.sql"))) : [];
  let applied: string[] = [];
  try {
    const rows = (await db.$queryRawUnsafe("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL")) as { migration_name: string }[];
    applied = rows.map((r) => r.migration_name);
  } catch {
    // no migrations table yet: a fresh database
  }
  if (wanted.every((m) => applied.includes(m))) return;
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(process.cwd(), "scripts/db/migrate.ts")], { stdio: ["ignore", "ignore", "inherit"], env: process.env });
  if (r.status !== 0) throw new Error("applying database migrations failed");
}

async function prepare() {
  const { systemActor } = await import("@/lib/auth/actor");
  const { getDb } = await import("@/lib/db/client");
  await migrateIfNeeded(getDb());
  return { db: getDb(), actor: systemActor("cli") };
}

async function tokenCreate(argv: string[]): Promise<void> {
  const values = parse(argv, { email: { type: "string" }, name: { type: "string" }, "expires-days": { type: "string" } });
  const email = required(values, "email").toLowerCase();
  const name = required(values, "name");
  let expiresAt: Date | null = null;
  if (values["expires-days"] !== undefined) {
    const days = Number(values["expires-days"]);
    if (!Number.isInteger(days) || days < 1 || days > 3650) throw new UsageError("--expires-days must be a whole number from 1 to 3650");
    expiresAt = new Date(Date.now() + days * 86_400_000);
  }
  const { db, actor } = await prepare();
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new UsageError(`no user with email ${email} (create one with: npm run cli -- user create --email ${email} --role ...)`);
  const { createApiToken } = await import("@/lib/auth/api-token");
  const { token } = await createApiToken(actor, { userId: user.id, name, expiresAt });
  console.log(`API token "${name}" for ${email}${expiresAt ? `, expires ${expiresAt.toISOString()}` : ""}. It is shown only now:`);
  console.log(token);
}

async function userCreate(argv: string[]): Promise<void> {
  const values = parse(argv, {
    email: { type: "string" },
    role: { type: "string" },
    provider: { type: "string", multiple: true },
    name: { type: "string" },
    password: { type: "string" },
  });
  const email = required(values, "email");
  const role = required(values, "role");
  if (!["admin", "operator", "auditor"].includes(role)) throw new UsageError("--role must be admin, operator or auditor");
  const refs = (values.provider as string[] | undefined) ?? [];
  if (role === "operator" && refs.length === 0) throw new UsageError("an operator needs at least one --provider <id or name>");
  if (role !== "operator" && refs.length) throw new UsageError("--provider applies to operators only (admins and auditors see every provider)");
  const { db, actor } = await prepare();
  const providerIds: string[] = [];
  for (const ref of refs) {
    const p = await db.provider.findFirst({ where: { OR: [{ id: ref }, { name: ref }] }, select: { id: true } });
    if (!p) throw new UsageError(`no provider with id or name "${ref}"`);
    providerIds.push(p.id);
  }
  const { createUser, generatePassword } = await import("@/lib/services/user-admin");
  const generated = values.password === undefined;
  const password = generated ? generatePassword() : (values.password as string);
  const user = await createUser(actor, { email, role, providerIds, password, name: values.name }, { mustChangePassword: generated });
  console.log(`Created ${user.role} ${user.email} (id ${user.id})${user.providerIds.length ? ` with scope ${user.providerIds.join(", ")}` : ""}.`);
  if (generated) console.log(`Initial password (shown once; must be changed at first sign-in): ${password}`);
}

async function auditVerify(argv: string[]): Promise<number> {
  parse(argv, {});
  const { db } = await prepare();
  const { verifyAuditChain } = await import("@/lib/audit/audit");
  const r = await verifyAuditChain(db);
  if (r.ok) {
    console.log(`audit chain intact (${r.checked} entries)`);
    return 0;
  }
  console.error(`audit chain BROKEN at entry ${r.firstBadSeq}: ${r.problem} (${r.checked} entries before it verified)`);
  return 1;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  if (!cmd || cmd === "help" || cmd === "--help" || cmd === "-h") {
    console.log(HELP);
    return cmd ? 0 : 2;
  }
  const commands: Record<string, (a: string[]) => Promise<void | number>> = { "token create": tokenCreate, "user create": userCreate, "audit verify": auditVerify };
  const run = commands[`${cmd} ${sub ?? ""}`];
  if (!run) throw new UsageError(`unknown command "${[cmd, sub].filter(Boolean).join(" ")}"; see npm run cli -- help`);
  return (await run(rest)) ?? 0;
}

main(process.argv.slice(2))
  .then((code) => (process.exitCode = code))
  .catch((e) => {
    if (e instanceof UsageError) {
      console.error(`error: ${e.message}`);
      process.exitCode = 2;
    } else if (isAppError(e)) {
      const fields = e.fields ? Object.entries(e.fields).map(([k, v]) => `\n  ${k}: ${v}`).join("") : "";
      console.error(`error: ${e.message}${fields}`);
      process.exitCode = e.status === 422 || e.status === 409 ? 2 : 1;
    } else {
      console.error("error: unexpected failure:", e);
      process.exitCode = 1;
    }
  })
  .finally(async () => {
    const { disconnectDb } = await import("@/lib/db/client");
    await disconnectDb();
  });
