// Roaming agreement mutations (DOMAIN.md, RFC 4640 §6–§7). The rules are the pure ones of
// lib/domain/agreements.ts; this file loads the two providers and the agreements between them inside
// the transaction, applies the rules and writes the change with its audit entry.
//
// Concurrency: "no two overlapping agreements of a kind between a pair" is a check-then-insert that no
// unique constraint can express, so every check runs after serializeOn("agreements") (a lock row held
// to commit: PostgreSQL row lock, SQLite write lock), and a racing writer sees the other's agreement.
import type { Actor } from "@/lib/auth/actor";
import { inScope, requireWrite } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/audit";
import { withTx, type Tx } from "@/lib/db/tx";
import { ConflictError, ValidationError, type FieldErrors } from "@/lib/errors";
import { agreementFieldErrors, canTransition, findOverlap, type AgreementKind } from "@/lib/domain/agreements";
import { parseInput } from "@/lib/domain/schemas/parse";
import { AgreementCreateSchema, AgreementUpdateSchema } from "@/lib/domain/schemas/agreement";
import { getAgreement, type AgreementDto } from "@/lib/data/agreements";
import { changedFields, serializeOn } from "./support";

type Party = { id: string; name: string; roles: string[] };

/**
 * Load both parties. A provider that does not exist is a field error; so is a pair with neither side in
 * the operator's scope (an operator may only make agreements for its own providers). The message is the
 * same for "absent" and "not yours", so nothing outside the scope is revealed.
 */
async function loadParties(tx: Tx, actor: Actor, fromId: string, toId: string): Promise<{ from: Party; to: Party }> {
  const rows = await tx.provider.findMany({
    where: { id: { in: [fromId, toId] } },
    select: { id: true, name: true, roles: { select: { role: true } } },
  });
  const byId = new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, roles: r.roles.map((x) => x.role) }]));
  const from = byId.get(fromId);
  const to = byId.get(toId);
  const errors: FieldErrors = {};
  if (!from) errors.fromProviderId = "no such provider";
  if (!to) errors.toProviderId = "no such provider";
  if (from && to && !inScope(actor, fromId) && !inScope(actor, toId)) {
    errors.fromProviderId = "one side of the agreement must be a provider in your scope";
  }
  if (Object.keys(errors).length || !from || !to) throw new ValidationError(errors);
  return { from, to };
}

type Shape = {
  kind: AgreementKind;
  fromProviderId: string;
  toProviderId: string;
  validFrom: Date;
  validUntil: Date | null;
  allowLocalHomeAgent: boolean;
};

/** Kind vs roles, self, window and local-HA rules (422), then the overlap rule (409 naming the other agreement). */
async function checkAgreement(tx: Tx, actor: Actor, d: Shape, ignoreId?: string): Promise<void> {
  await serializeOn(tx, "agreements");
  const { from, to } = await loadParties(tx, actor, d.fromProviderId, d.toProviderId);
  const errors = agreementFieldErrors({ ...d, from, to });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const existing = await tx.agreement.findMany({
    where: { kind: d.kind, fromProviderId: d.fromProviderId, toProviderId: d.toProviderId, status: { not: "terminated" } },
    select: { id: true, kind: true, fromProviderId: true, toProviderId: true, status: true, validFrom: true, validUntil: true },
  });
  const overlap = findOverlap(d, existing, ignoreId);
  if (overlap) {
    const window = `${overlap.validFrom.toISOString()} – ${overlap.validUntil ? overlap.validUntil.toISOString() : "open-ended"}`;
    const message = `${from.name} → ${to.name} already has a ${d.kind} agreement (${overlap.id}, ${overlap.status}, ${window}) whose window overlaps this one`;
    throw new ConflictError(message, { validFrom: message });
  }
}

/**
 * Consent: an agreement comes into force only by the provider that grants the service — the serving ASP
 * of a network-access agreement, the MSP of a mobility agreement (`from`) — or an admin. The receiving
 * side may propose a draft, suspend or terminate, but cannot commit another provider's network or home
 * agents on its own.
 */
async function requireGrantor(tx: Tx, actor: Actor, fromProviderId: string, what: string): Promise<void> {
  if (inScope(actor, fromProviderId)) return;
  const p = await tx.provider.findUnique({ where: { id: fromProviderId }, select: { name: true } });
  throw new ForbiddenError(
    `only ${p?.name ?? "the granting provider"} (the provider that grants the service) or an admin can ${what}; propose it as a draft instead`,
  );
}

export async function createAgreement(actor: Actor, input: unknown): Promise<AgreementDto> {
  requireWrite(actor);
  const data = parseInput(AgreementCreateSchema, input);
  return withTx(async (tx) => {
    await checkAgreement(tx, actor, data);
    if ((data.status ?? "draft") !== "draft") await requireGrantor(tx, actor, data.fromProviderId, `create an agreement that is ${data.status}`);
    const created = await tx.agreement.create({ data, select: { id: true } });
    const dto = await getAgreement(actor, created.id, tx);
    await recordAudit(tx, actor, { action: "agreement.create", objectType: "agreement", objectId: dto.id, after: dto });
    return dto;
  });
}

function transitionMessage(from: string, to: string): string {
  if (from === "terminated") return "this agreement is terminated, and terminated is final: make a new agreement instead";
  if (to === "suspended") return `only an active agreement can be suspended (this one is ${from})`;
  if (to === "active" && from === "active") return "this agreement is already active";
  return `an agreement cannot go from ${from} to ${to} (draft → active ⇄ suspended, any → terminated)`;
}

/**
 * PATCH, status changes included. A terminated agreement changes no more (409). The kind and the two
 * providers are fixed once the agreement has left draft: an agreement in use is between these parties.
 * Activating (or editing) re-checks the rules against the providers as they are now, so an agreement
 * whose provider has since lost the needed role cannot come into force; suspending or terminating never
 * needs that check.
 */
export async function updateAgreement(actor: Actor, id: string, input: unknown): Promise<AgreementDto> {
  await getAgreement(actor, id); // 404 before anything else: never reveal an out-of-scope agreement
  requireWrite(actor);
  const data = parseInput(AgreementUpdateSchema, input);
  return withTx(async (tx) => {
    const before = await getAgreement(actor, id, tx);
    if (before.status === "terminated") {
      throw new ConflictError(transitionMessage("terminated", data.status ?? "terminated"), data.status ? { status: transitionMessage("terminated", data.status) } : undefined);
    }
    const status = data.status ?? before.status;
    if (data.status && data.status !== before.status && !canTransition(before.status, data.status)) {
      throw new ConflictError(transitionMessage(before.status, data.status), { status: transitionMessage(before.status, data.status) });
    }
    const partiesChange =
      (data.kind !== undefined && data.kind !== before.kind) ||
      (data.fromProviderId !== undefined && data.fromProviderId !== before.fromProviderId) ||
      (data.toProviderId !== undefined && data.toProviderId !== before.toProviderId);
    if (partiesChange && before.status !== "draft") {
      throw new ConflictError("the kind and the providers of an agreement are fixed once it has left draft; terminate it and make a new one", {
        kind: "fixed once the agreement has left draft",
      });
    }
    const merged: Shape = {
      kind: data.kind ?? before.kind,
      fromProviderId: data.fromProviderId ?? before.fromProviderId,
      toProviderId: data.toProviderId ?? before.toProviderId,
      validFrom: data.validFrom ?? new Date(before.validFrom),
      validUntil: data.validUntil !== undefined ? data.validUntil : before.validUntil ? new Date(before.validUntil) : null,
      allowLocalHomeAgent: data.allowLocalHomeAgent ?? before.allowLocalHomeAgent,
    };
    const onlyStatus = Object.keys(data).every((k) => k === "status" || data[k as keyof typeof data] === undefined);
    if (status === "active" && before.status !== "active") await requireGrantor(tx, actor, merged.fromProviderId, "bring an agreement into force");
    else if (!onlyStatus && before.status !== "draft") await requireGrantor(tx, actor, before.fromProviderId, "change the terms of an agreement that has left draft");
    if (!onlyStatus || status === "active") await checkAgreement(tx, actor, merged, id);
    await tx.agreement.update({ where: { id }, data: { ...merged, status } });
    const after = await getAgreement(actor, id, tx);
    await recordAudit(tx, actor, {
      action: data.status && data.status !== before.status ? `agreement.${data.status === "active" && before.status === "suspended" ? "resume" : verb(data.status)}` : "agreement.update",
      objectType: "agreement",
      objectId: id,
      ...changedFields(before, after),
    });
    return after;
  });
}

function verb(status: string): string {
  return { active: "activate", suspended: "suspend", terminated: "terminate", draft: "update" }[status] ?? "update";
}

/** Shortcut for the console's buttons: activate, suspend, resume, terminate. */
export async function setAgreementStatus(actor: Actor, id: string, status: string): Promise<AgreementDto> {
  return updateAgreement(actor, id, { status });
}

/**
 * Only a draft (never in force) or a terminated agreement may be deleted: an agreement that is or was
 * in force explains past sessions, so it must be terminated first and stays on record until then.
 */
export async function deleteAgreement(actor: Actor, id: string): Promise<void> {
  await getAgreement(actor, id);
  requireWrite(actor);
  await withTx(async (tx) => {
    const before = await getAgreement(actor, id, tx);
    if (before.status !== "draft" && before.status !== "terminated") {
      throw new ConflictError(`only a draft or terminated agreement can be deleted; this one is ${before.status}: terminate it first`);
    }
    await tx.agreement.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "agreement.delete", objectType: "agreement", objectId: id, before });
  });
}
