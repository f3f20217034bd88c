// Planned new addresses of a renumbering are reserved for their members while the renumbering is planned
// or announced (DOMAIN.md "Home prefix renumbering"): nobody else gets them as a static HoA or from the
// dynamic/privacy allocator, so the member's bootstrap can always take the address the preview showed.
import type { Tx } from "@/lib/db/tx";

export const RESERVING_STATES = ["planned", "announced"] as const;

/** The NAI of the other subscriber whose planned new address `address` (canonical text) is, or null. */
export async function plannedAddressHolder(tx: Tx, address: string, subscriberId: string | null): Promise<string | null> {
  if (!address) return null;
  const m = await tx.renumberingMember.findFirst({
    where: { newAddress: address, renumbering: { state: { in: [...RESERVING_STATES] } }, ...(subscriberId ? { subscriberId: { not: subscriberId } } : {}) },
    select: { subscriber: { select: { nai: true } } },
  });
  return m ? m.subscriber.nai : null;
}

/**
 * The renumbering an announced-drain member must land in: its planned new address and the new prefix.
 * Only announced renumberings steer a bootstrap (while planned, the old prefix is still in service).
 */
export async function activeRenumberingTarget(tx: Tx, subscriberId: string): Promise<{ newAddress: string; newPrefixId: string; newPrefix: string } | null> {
  const m = await tx.renumberingMember.findFirst({
    where: { subscriberId, renumbering: { state: "announced", newPrefixId: { not: null } } },
    orderBy: { renumbering: { createdAt: "desc" } },
    select: { newAddress: true, renumbering: { select: { newPrefixId: true, newPrefix: true } } },
  });
  return m && m.renumbering.newPrefixId ? { newAddress: m.newAddress, newPrefixId: m.renumbering.newPrefixId, newPrefix: m.renumbering.newPrefix } : null;
}
