// Subscriber mutations. A subscriber's trust anchor is its MSA (RFC 4640 §9.1): the MSA must be in the
// actor's scope and hold the MSA role, and the NAI's realm must be one of the MSA's realms.
// The root secret is generated here, returned once, and stored sealed (lib/services/credentials.ts).
import type { Actor } from "@/lib/auth/actor";
import { inScope, requireWrite } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/audit";
import { withTx, type Tx } from "@/lib/db/tx";
import { ConflictError, ValidationError, isUniqueViolation, type FieldErrors } from "@/lib/errors";
import { parseInput } from "@/lib/domain/schemas/parse";
import { SubscriberCreateSchema, SubscriberUpdateSchema, checkSubscriberShape } from "@/lib/domain/schemas/subscriber";
import { getSubscriber, type SubscriberDto, type SubscriberFields } from "@/lib/data/subscribers";
import { encodeSecret, generateRootSecret, storeRootSecret } from "./credentials";
import { changedFields, uniqueViolationOn } from "./support";
import { pinnedHomeAgentProblem, staticAddressProblem } from "./subscriber-home-agent";
import { plannedAddressHolder } from "./renumbering-reservations";

type Fields = SubscriberFields;

const realmOf = (nai: string) => nai.slice(nai.lastIndexOf("@") + 1);

const UNIQUE_MESSAGES: Record<string, string> = {
  accessNai: "another subscriber already has this network-access NAI",
  staticHomeAddress: "another subscriber already has this static home address",
  nai: "a subscriber with this NAI already exists",
};

function mapUnique(e: unknown): never {
  const field = uniqueViolationOn(e, ["accessNai", "staticHomeAddress", "nai"]);
  if (field) throw new ConflictError(UNIQUE_MESSAGES[field], { [field]: UNIQUE_MESSAGES[field] });
  if (isUniqueViolation(e)) throw new ConflictError("a subscriber with these details already exists");
  throw e;
}

async function providerWithRole(tx: Tx, id: string) {
  return tx.provider.findUnique({
    where: { id },
    select: { name: true, roles: { select: { role: true } }, realms: { select: { name: true } } },
  });
}

/** The rules that need the database. Collects every field problem before failing, like a form would. */
async function checkReferences(
  tx: Tx,
  actor: Actor,
  s: Fields,
  changed: (k: keyof Fields) => boolean,
  subscriberId: string | null,
): Promise<void> {
  const errors: FieldErrors = {};
  const shape: FieldErrors = {};
  checkSubscriberShape(s, (path, message) => (shape[path] ??= message));
  Object.assign(errors, shape);

  if (changed("msaProviderId") || changed("nai")) {
    const msa = inScope(actor, s.msaProviderId) ? await providerWithRole(tx, s.msaProviderId) : null;
    if (!msa) errors.msaProviderId = "no such provider";
    else if (!msa.roles.some((r) => r.role === "MSA")) errors.msaProviderId = `${msa.name} does not hold the MSA role`;
    else if (!msa.realms.some((r) => r.name === realmOf(s.nai))) {
      const known = msa.realms.map((r) => r.name).join(", ") || "none";
      errors.nai = `realm ${realmOf(s.nai)} is not a realm of ${msa.name} (its realms: ${known})`;
    }
  }
  if (s.asaProviderId && (changed("asaProviderId") || changed("accessNai"))) {
    // The ASA may be another operator's provider (split scenario); only its existence and role matter.
    const asa = await providerWithRole(tx, s.asaProviderId);
    if (!asa) errors.asaProviderId = "no such provider";
    else if (!asa.roles.some((r) => r.role === "ASA")) errors.asaProviderId = `${asa.name} does not hold the ASA role`;
    else if (s.accessNai && !asa.realms.some((r) => r.name === realmOf(s.accessNai!))) {
      errors.accessNai = `realm ${realmOf(s.accessNai)} is not a realm of ${asa.name}`;
    }
  }
  // Re-checked when the MSA changes too: which providers may serve the subscriber depends on it.
  const pinChanged = changed("pinnedHomeAgentId") || changed("msaProviderId");
  if (s.pinnedHomeAgentId && pinChanged && !errors.msaProviderId) {
    const message = await pinnedHomeAgentProblem(tx, actor, s.msaProviderId, s.pinnedHomeAgentId);
    if (message) errors.pinnedHomeAgentId = message;
  }
  // Re-checked whenever the address or the HA it must live on changes (a pinned HA fixes the home link).
  const staticChanged = changed("staticHomeAddress") || pinChanged;
  if (s.staticHomeAddress && staticChanged && !errors.staticHomeAddress && !errors.pinnedHomeAgentId && !errors.msaProviderId) {
    const message = await staticAddressProblem(tx, actor, s.msaProviderId, s.staticHomeAddress, s.pinnedHomeAgentId);
    if (message) errors.staticHomeAddress = message;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  if (s.staticHomeAddress && staticChanged) await checkAddressFree(tx, s.staticHomeAddress, subscriberId);
}

/** spec/api-v1.md: a HoA in use is a 409. The subscriber's own current lease does not count. */
async function checkAddressFree(tx: Tx, address: string, subscriberId: string | null): Promise<void> {
  const lease = await tx.hoaLease.findUnique({ where: { address }, select: { subscriberId: true } });
  const other = await tx.subscriber.findFirst({ where: { staticHomeAddress: address }, select: { id: true } });
  if ((lease && lease.subscriberId !== subscriberId) || (other && other.id !== subscriberId)) {
    throw new ConflictError("this home address is in use by another subscriber", { staticHomeAddress: "this home address is in use by another subscriber" });
  }
  if (await plannedAddressHolder(tx, address, subscriberId)) {
    throw new ConflictError("this home address is reserved for another subscriber by a renumbering in progress", {
      staticHomeAddress: "reserved for another subscriber by a renumbering in progress",
    });
  }
}

export type CreatedSubscriber = { subscriber: SubscriberDto; secret: string };

/** Create a subscriber and its root secret; the base64url secret is returned this once and never again. */
export async function createSubscriber(actor: Actor, input: unknown): Promise<CreatedSubscriber> {
  requireWrite(actor);
  const data = parseInput(SubscriberCreateSchema, input);
  const fields: Fields = {
    nai: data.nai,
    msaProviderId: data.msaProviderId,
    accessNai: data.accessNai ?? null,
    asaProviderId: data.asaProviderId ?? null,
    homeAddressPolicy: data.homeAddressPolicy,
    staticHomeAddress: data.staticHomeAddress ?? null,
    pinnedHomeAgentId: data.pinnedHomeAgentId ?? null,
    status: data.status,
    suspendedReason: data.status === "suspended" ? (data.suspendedReason ?? null) : null,
  };
  const secret = generateRootSecret();
  try {
    const subscriber = await withTx(async (tx) => {
      if (await tx.subscriber.findUnique({ where: { nai: fields.nai }, select: { id: true } })) {
        throw new ConflictError(UNIQUE_MESSAGES.nai, { nai: UNIQUE_MESSAGES.nai });
      }
      await checkReferences(tx, actor, fields, () => true, null);
      const created = await tx.subscriber.create({ data: fields, select: { id: true } });
      const { keyName } = await storeRootSecret(tx, created.id, secret);
      const dto = await getSubscriber(actor, created.id, tx);
      await recordAudit(tx, actor, { action: "subscriber.create", objectType: "subscriber", objectId: dto.id, after: { ...dto, keyName } });
      return dto;
    });
    return { subscriber, secret: encodeSecret(secret) };
  } catch (e) {
    mapUnique(e);
  } finally {
    secret.fill(0);
  }
}

/**
 * PATCH any subset of fields; the merged record is re-validated. Changing how the HoA is chosen
 * (policy, static address, pinned HA) flags the MN so its next status call tells it to re-bootstrap.
 */
export async function updateSubscriber(actor: Actor, id: string, input: unknown): Promise<SubscriberDto> {
  await getSubscriber(actor, id);
  requireWrite(actor);
  const data = parseInput(SubscriberUpdateSchema, input);
  try {
    return await withTx(async (tx) => {
      const before = await getSubscriber(actor, id, tx);
      const merged: Fields = {
        nai: data.nai ?? before.nai,
        msaProviderId: data.msaProviderId ?? before.msaProviderId,
        accessNai: data.accessNai !== undefined ? data.accessNai : before.accessNai,
        asaProviderId: data.asaProviderId !== undefined ? data.asaProviderId : before.asaProviderId,
        homeAddressPolicy: data.homeAddressPolicy ?? before.homeAddressPolicy,
        staticHomeAddress: data.staticHomeAddress !== undefined ? data.staticHomeAddress : before.staticHomeAddress,
        pinnedHomeAgentId: data.pinnedHomeAgentId !== undefined ? data.pinnedHomeAgentId : before.pinnedHomeAgentId,
        status: data.status ?? before.status,
        suspendedReason: data.suspendedReason !== undefined ? data.suspendedReason : before.suspendedReason,
      };
      // Leaving the static policy drops the static address rather than failing on it.
      if (data.homeAddressPolicy && data.homeAddressPolicy !== "static" && data.staticHomeAddress === undefined) merged.staticHomeAddress = null;
      if (merged.status === "active") merged.suspendedReason = null;
      const changed = (k: keyof Fields) => merged[k] !== before[k];
      if (changed("nai") && (await tx.subscriber.findUnique({ where: { nai: merged.nai }, select: { id: true } }))) {
        throw new ConflictError(UNIQUE_MESSAGES.nai, { nai: UNIQUE_MESSAGES.nai });
      }
      await checkReferences(tx, actor, merged, changed, id);
      const reanchor = changed("homeAddressPolicy") || changed("staticHomeAddress") || changed("pinnedHomeAgentId");
      await tx.subscriber.update({
        where: { id },
        data: {
          ...merged,
          ...(reanchor && before.homeAddress ? { rebootstrapRequired: true, rebootstrapReason: "admin", rebootstrapAt: new Date() } : {}),
        },
      });
      const after = await getSubscriber(actor, id, tx);
      await recordAudit(tx, actor, { action: "subscriber.update", objectType: "subscriber", objectId: id, ...changedFields(before, after) });
      return after;
    });
  } catch (e) {
    mapUnique(e);
  }
}

/** Deleting a subscriber releases its HoA lease and credentials; its sessions stay (subscriberId cleared). */
export async function deleteSubscriber(actor: Actor, id: string): Promise<void> {
  await getSubscriber(actor, id);
  requireWrite(actor);
  await withTx(async (tx) => {
    const before = await getSubscriber(actor, id, tx);
    await tx.subscriber.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "subscriber.delete", objectType: "subscriber", objectId: id, before });
  });
}

/** Replace the root secret; the old one stops working at once. The new secret is returned this once. */
export async function rotateSecret(actor: Actor, id: string): Promise<{ secret: string }> {
  await getSubscriber(actor, id);
  requireWrite(actor);
  const secret = generateRootSecret();
  try {
    await withTx(async (tx) => {
      await getSubscriber(actor, id, tx);
      const { keyName } = await storeRootSecret(tx, id, secret);
      await recordAudit(tx, actor, { action: "subscriber.rotate-secret", objectType: "subscriber", objectId: id, after: { keyName } });
    });
    return { secret: encodeSecret(secret) };
  } finally {
    secret.fill(0);
  }
}

/** Operator-triggered re-bootstrap (RFC 4640 §4): the MN learns it from its next status call. */
export async function requestRebootstrap(actor: Actor, id: string): Promise<SubscriberDto> {
  await getSubscriber(actor, id);
  requireWrite(actor);
  return withTx(async (tx) => {
    const before = await getSubscriber(actor, id, tx);
    await tx.subscriber.update({ where: { id }, data: { rebootstrapRequired: true, rebootstrapReason: "admin", rebootstrapAt: new Date() } });
    const after = await getSubscriber(actor, id, tx);
    await recordAudit(tx, actor, { action: "subscriber.rebootstrap", objectType: "subscriber", objectId: id, ...changedFields(before, after) });
    return after;
  });
}
