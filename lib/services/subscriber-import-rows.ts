// One import row → one subscriber, inside the import job's batch transaction. The rules are those of
// createSubscriber (lib/services/subscribers.ts): the same zod schema, the MSA in the actor's scope with
// the MSA role and the NAI's realm, the ASA's role and realm, the pinned HA and static HoA checks of
// ./subscriber-home-agent, and the address free. A row's problems are returned, not thrown: on PostgreSQL a
// failed statement aborts the whole transaction, so every unique value is looked up before the insert.
import type { Actor } from "@/lib/auth/actor";
import { inScope } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/audit";
import type { Tx } from "@/lib/db/tx";
import { getSubscriber } from "@/lib/data/subscribers";
import { fieldErrorsOf } from "@/lib/domain/schemas/parse";
import { SubscriberCreateSchema } from "@/lib/domain/schemas/subscriber";
import { decodeSecret, storeRootSecret } from "./credentials";
import { pinnedHomeAgentProblem, staticAddressProblem } from "./subscriber-home-agent";
import { plannedAddressHolder } from "./renumbering-reservations";

export type RowError = { line: number; field: string; message: string };

const realmOf = (nai: string) => nai.slice(nai.lastIndexOf("@") + 1);

type ProviderFacts = { name: string; roles: string[]; realms: string[] } | null;

/** Provider look-ups are shared by the rows of one batch (an import usually names a handful). */
export class ProviderCache {
  private readonly seen = new Map<string, Promise<ProviderFacts>>();
  constructor(private readonly tx: Tx) {}
  get(id: string): Promise<ProviderFacts> {
    let p = this.seen.get(id);
    if (!p) {
      p = this.tx.provider
        .findUnique({ where: { id }, select: { name: true, roles: { select: { role: true } }, realms: { select: { name: true } } } })
        .then((r) => (r ? { name: r.name, roles: r.roles.map((x) => x.role), realms: r.realms.map((x) => x.name) } : null));
      this.seen.set(id, p);
    }
    return p;
  }
}

/** Values taken by earlier rows of this batch (not yet visible as conflicts to a unique lookup of a later row). */
export type BatchClaims = { accessNais: Set<string>; addresses: Set<string> };

export type RowOutcome = { ok: true; nai: string; id: string } | { ok: false; errors: RowError[] };

/**
 * Validate and create one row. `secret` is the row's root secret: the imported one when the file gave
 * one (already decoded), a fresh one otherwise. Returns the row's field errors instead of throwing.
 */
export async function importRow(
  tx: Tx,
  actor: Actor,
  line: number,
  values: Record<string, string>,
  secret: Buffer,
  providers: ProviderCache,
  claims: BatchClaims,
): Promise<RowOutcome> {
  const fail = (fields: Record<string, string>): RowOutcome => ({
    ok: false,
    errors: Object.entries(fields).map(([field, message]) => ({ line, field, message })),
  });
  const { secret: _secret, ...input } = values;
  void _secret;
  const parsed = SubscriberCreateSchema.safeParse(input);
  if (!parsed.success) return fail(fieldErrorsOf(parsed.error));
  const s = parsed.data;
  const errors: Record<string, string> = {};

  const msa = inScope(actor, s.msaProviderId) ? await providers.get(s.msaProviderId) : null;
  if (!msa) errors.msaProviderId = "provider not found";
  else if (!msa.roles.includes("MSA")) errors.msaProviderId = `${msa.name} does not hold the MSA role`;
  else if (!msa.realms.includes(realmOf(s.nai))) errors.nai = `realm ${realmOf(s.nai)} is not a realm of ${msa.name}`;
  // Out of scope is "not found", and nothing else about the row is looked up.
  if (errors.msaProviderId) return fail(errors);

  if (s.asaProviderId) {
    const asa = await providers.get(s.asaProviderId);
    if (!asa) errors.asaProviderId = "no such provider";
    else if (!asa.roles.includes("ASA")) errors.asaProviderId = `${asa.name} does not hold the ASA role`;
    else if (s.accessNai && !asa.realms.includes(realmOf(s.accessNai))) errors.accessNai = `realm ${realmOf(s.accessNai)} is not a realm of ${asa.name}`;
  }
  if (s.pinnedHomeAgentId) {
    const message = await pinnedHomeAgentProblem(tx, actor, s.msaProviderId, s.pinnedHomeAgentId);
    if (message) errors.pinnedHomeAgentId = message;
  }
  if (s.staticHomeAddress && !errors.pinnedHomeAgentId) {
    const message = await staticAddressProblem(tx, actor, s.msaProviderId, s.staticHomeAddress, s.pinnedHomeAgentId ?? null);
    if (message) errors.staticHomeAddress = message;
  }
  if (await tx.subscriber.findUnique({ where: { nai: s.nai }, select: { id: true } })) {
    errors.nai = "conflict: a subscriber with this NAI already exists";
  }
  if (s.accessNai && !errors.accessNai) {
    const taken = claims.accessNais.has(s.accessNai) || (await tx.subscriber.findUnique({ where: { accessNai: s.accessNai }, select: { id: true } }));
    if (taken) errors.accessNai = "conflict: another subscriber already has this network-access NAI";
  }
  if (s.staticHomeAddress && !errors.staticHomeAddress) {
    const taken = claims.addresses.has(s.staticHomeAddress)
      || (await tx.hoaLease.findUnique({ where: { address: s.staticHomeAddress }, select: { subscriberId: true } }))
      || (await tx.subscriber.findFirst({ where: { staticHomeAddress: s.staticHomeAddress }, select: { id: true } }));
    if (taken) errors.staticHomeAddress = "conflict: this home address is in use by another subscriber";
    else if (await plannedAddressHolder(tx, s.staticHomeAddress, null)) errors.staticHomeAddress = "conflict: this home address is reserved for another subscriber by a renumbering in progress";
  }
  if (Object.keys(errors).length) return fail(errors);

  const created = await tx.subscriber.create({
    data: {
      nai: s.nai,
      msaProviderId: s.msaProviderId,
      accessNai: s.accessNai ?? null,
      asaProviderId: s.asaProviderId ?? null,
      homeAddressPolicy: s.homeAddressPolicy,
      staticHomeAddress: s.staticHomeAddress ?? null,
      pinnedHomeAgentId: s.pinnedHomeAgentId ?? null,
      status: s.status,
      suspendedReason: s.status === "suspended" ? (s.suspendedReason ?? null) : null,
    },
    select: { id: true },
  });
  if (s.accessNai) claims.accessNais.add(s.accessNai);
  if (s.staticHomeAddress) claims.addresses.add(s.staticHomeAddress);
  const { keyName } = await storeRootSecret(tx, created.id, secret);
  const dto = await getSubscriber(actor, created.id, tx);
  await recordAudit(tx, actor, { action: "subscriber.create", objectType: "subscriber", objectId: dto.id, after: { ...dto, keyName, imported: true } });
  return { ok: true, nai: s.nai, id: created.id };
}

/** The `secret` cell, when given: strict base64url of 16–64 bytes (decodeSecret), or the row's error. */
export function importedSecret(line: number, cell: string | undefined): { ok: true; secret: Buffer | null } | { ok: false; error: RowError } {
  if (cell === undefined) return { ok: true, secret: null };
  const d = decodeSecret(cell);
  return d.ok ? { ok: true, secret: d.secret } : { ok: false, error: { line, field: "secret", message: d.message } };
}
