// CSV import of subscribers (spec/api-v1.md POST /api/v1/subscribers/import) as a background job of
// lib/jobs/runner.ts. The upload is parsed and checked at once (header, size); the rows then wait in the
// job's payload and are created in batches, each batch in one transaction with its audit entries (one
// requestId for the whole import), its row errors and the payload that drops the rows it handled, so a
// crash resumes after the last committed batch and never creates a row twice.
// Secrets: an imported `secret` cell waits sealed in the payload (it is a credential); a generated one is
// sealed into the job until its owner (or an admin) downloads them once, then deleted.
import crypto from "node:crypto";
import type { Actor, Role } from "@/lib/auth/actor";
import { requireWrite } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/audit";
import { open, seal } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { withTx, type Tx } from "@/lib/db/tx";
import { getJob, type JobDto } from "@/lib/data/jobs";
import { parseImportCsv, type ImportRow } from "@/lib/domain/subscriber-csv";
import { csvCell } from "@/lib/domain/csv-cell";
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { kickJobRunner, registerJobHandler, type BatchResult, type JobPayload } from "@/lib/jobs/runner";
import { encodeSecret, generateRootSecret } from "./credentials";
import { BatchClaims, ProviderCache, importRow, importedSecret, type RowError } from "./subscriber-import-rows";

export const IMPORT_JOB = "subscriber-import";
/** Rows per transaction: big enough to be quick, small enough to keep the write lock short. */
export const IMPORT_BATCH_SIZE = 500;
/** Past this many row errors the rest are counted, not listed (the job row stays a sane size). */
const MAX_LISTED_ERRORS = 10_000;

type StoredActor = { kind: "user"; userId: string; email: string; role: Role; providerIds: string[] } | { kind: "system"; label: string };
type StoredRow = ImportRow & { secretEnc?: string };
type ImportPayload = JobPayload & {
  importRequestId: string;
  actor: StoredActor;
  /** rows not handled yet, in file order */
  rows: StoredRow[];
  /** sealed chunks of `nai,secret` CSV lines, one per batch that generated secrets */
  secrets: string[];
  secretsState: "pending" | "fetched";
  created: number;
  failedRows: number;
};

export class GoneError extends AppError {
  constructor(message: string) {
    super(410, "gone", message);
  }
}

const rowAad = (requestId: string, line: number) => `subscriber-import:${requestId}:${line}`;
const secretsAad = (jobId: string) => `subscriber-import-secrets:${jobId}`;

function storedActor(a: Actor): StoredActor {
  return a.kind === "user" ? { kind: "user", userId: a.userId, email: a.email, role: a.role, providerIds: a.providerIds } : { kind: "system", label: a.label };
}

function actorOf(p: ImportPayload): Actor {
  return { ...p.actor, requestId: p.importRequestId };
}

/** Parse and check the file, queue the job and return it (202). Whole-file problems are a 422. */
export async function startSubscriberImport(actor: Actor, csvText: string): Promise<JobDto> {
  requireWrite(actor);
  const parsed = parseImportCsv(csvText);
  if (!parsed.ok) throw new ValidationError(parsed.fields, parsed.message);
  const importRequestId = actor.requestId ?? crypto.randomUUID();
  const rows: StoredRow[] = parsed.rows.map((r) => {
    const { secret, ...values } = r.values;
    return secret === undefined ? { ...r, values } : { ...r, values, secretEnc: seal(Buffer.from(secret, "utf8"), rowAad(importRequestId, r.line)) };
  });
  const payload: ImportPayload = { importRequestId, actor: storedActor(actor), rows, secrets: [], secretsState: "pending", created: 0, failedRows: 0 };
  const job = await getDb().job.create({
    data: { type: IMPORT_JOB, state: "queued", total: rows.length, ownerId: actor.kind === "user" ? actor.userId : null, payload: JSON.stringify(payload) },
    select: { id: true },
  });
  kickJobRunner();
  return getJob(actor, job.id);
}

/** The next rows of the file: each row created or its errors recorded; bad rows never stop the others. */
async function importBatch(tx: Tx, p: ImportPayload, jobId: string, batchSize: number): Promise<BatchResult> {
  const actor = actorOf(p);
  const take = p.rows.slice(0, Math.min(batchSize, IMPORT_BATCH_SIZE));
  const rest = p.rows.slice(take.length);
  const errors: RowError[] = [];
  const generated: string[] = [];
  const providers = new ProviderCache(tx);
  const claims: BatchClaims = { accessNais: new Set(), addresses: new Set() };
  let created = 0;
  let failedRows = 0;
  for (const row of take) {
    const { _extra, ...values } = row.values;
    const early: RowError[] = [];
    if (_extra) early.push({ line: row.line, field: "_", message: `the row has ${_extra} more cell(s) than the header has columns` });
    if (row.duplicateOf) early.push({ line: row.line, field: "nai", message: `conflict: this NAI is already on line ${row.duplicateOf} of the file` });
    const imported = row.secretEnc
      ? importedSecret(row.line, open(row.secretEnc, rowAad(p.importRequestId, row.line)).toString("utf8"))
      : ({ ok: true, secret: null } as const);
    if (!imported.ok) early.push(imported.error);
    if (early.length) {
      errors.push(...early);
      failedRows++;
      continue;
    }
    const secret = imported.ok && imported.secret ? imported.secret : generateRootSecret();
    try {
      const outcome = await importRow(tx, actor, row.line, values, secret, providers, claims);
      if (!outcome.ok) {
        errors.push(...outcome.errors);
        failedRows++;
        continue;
      }
      created++;
      if (!row.secretEnc) generated.push(`${csvCell(outcome.nai)},${encodeSecret(secret)}\r\n`);
    } finally {
      secret.fill(0);
    }
  }
  if (errors.length) {
    const job = await tx.job.findUniqueOrThrow({ where: { id: jobId }, select: { errors: true } });
    const listed = JSON.parse(job.errors) as RowError[];
    const room = Math.max(0, MAX_LISTED_ERRORS - listed.length);
    await tx.job.update({ where: { id: jobId }, data: { errors: JSON.stringify([...listed, ...errors.slice(0, room)]) } });
  }
  const secrets = generated.length ? [...p.secrets, seal(Buffer.from(generated.join(""), "utf8"), secretsAad(jobId))] : p.secrets;
  const payload: ImportPayload = { ...p, rows: rest, secrets, created: p.created + created, failedRows: p.failedRows + failedRows };
  return { payload, processed: take.length, finished: rest.length === 0 };
}

registerJobHandler(IMPORT_JOB, {
  batch: (tx, p, ctx) => importBatch(tx, p as ImportPayload, ctx.jobId, ctx.batchSize),
  finish: async (tx, raw, ctx) => {
    const p = raw as ImportPayload;
    const summary = { rows: p.created + p.failedRows, created: p.created, failedRows: p.failedRows };
    await recordAudit(tx, actorOf(p), { action: "subscriber.import", objectType: "job", objectId: ctx.jobId, after: summary });
    return summary;
  },
  failed: async (tx, raw, ctx) => {
    // The rows left (and their sealed imported secrets) are dropped; the generated secrets of the rows
    // already created stay downloadable, or those subscribers would have secrets nobody knows.
    const p = raw as ImportPayload;
    await tx.job.update({ where: { id: ctx.jobId }, data: { payload: JSON.stringify({ ...p, rows: [] }) } });
  },
});

type SecretsJob = { ownerId: string | null; state: string; payload: string | null };

async function importJobFor(tx: Tx, actor: Actor, id: string): Promise<SecretsJob & { p: ImportPayload }> {
  const job = await tx.job.findUnique({ where: { id }, select: { type: true, ownerId: true, state: true, payload: true } });
  if (!job || job.type !== IMPORT_JOB) throw new NotFoundError("job");
  const owner = actor.kind === "user" && job.ownerId === actor.userId;
  if (!owner && !(actor.kind === "system" || actor.role === "admin")) {
    // Auditors may watch the job but never see secrets; other operators do not see it at all.
    if (actor.kind === "user" && actor.role === "auditor") throw new ForbiddenError("only the import's owner or an admin may download its secrets");
    throw new NotFoundError("job");
  }
  return { ...job, p: JSON.parse(job.payload ?? "{}") as ImportPayload };
}

/**
 * The generated secrets as `nai,secret` CSV, exactly once: the sealed copies are deleted in the same
 * transaction (a conditional update, so two concurrent downloads cannot both succeed). 410 afterwards.
 */
export async function takeGeneratedSecrets(actor: Actor, id: string): Promise<string> {
  return withTx(async (tx) => {
    const job = await importJobFor(tx, actor, id);
    if (job.state === "queued" || job.state === "running") throw new ConflictError("the import is still running; download its secrets when it has ended");
    if (job.p.secretsState === "fetched") throw new GoneError("the generated secrets of this import were already downloaded; they are shown once");
    const lines = job.p.secrets.map((s) => open(s, secretsAad(id)).toString("utf8"));
    const r = await tx.job.updateMany({
      where: { id, payload: job.payload },
      data: { payload: JSON.stringify({ ...job.p, secrets: [], secretsState: "fetched" }) },
    });
    if (r.count !== 1) throw new GoneError("the generated secrets of this import were already downloaded; they are shown once");
    const rows = lines.reduce((n, l) => n + l.split("\r\n").length - 1, 0);
    await recordAudit(tx, actor, { action: "subscriber.import.download", objectType: "job", objectId: id, after: { rows } });
    return `nai,secret\r\n${lines.join("")}`;
  });
}

/** Whether the job still holds generated secrets to download (the UI shows its one-time link then). */
export async function generatedSecretsPending(actor: Actor, id: string): Promise<boolean> {
  const job = await importJobFor(getDb(), actor, id).catch(() => null);
  return !!job && job.p.secretsState === "pending" && job.p.secrets.length > 0;
}
