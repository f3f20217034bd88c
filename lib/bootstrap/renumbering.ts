// The two points where a bootstrap meets a renumbering (DOMAIN.md "Home prefix renumbering"):
// the new HoA keeps its interface identifier (the address planned in the preview), and a subscriber
// that lands on the new prefix is counted as migrated — in the bootstrap's own transaction.
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** The planned new HoA of a subscriber whose lease is on a prefix being (or already) renumbered away. */
export async function plannedRenumberedAddress(tx: Tx, subscriberId: string, oldPrefixId: string): Promise<{ address: string; newPrefixId: string } | null> {
  const m = await tx.renumberingMember.findFirst({
    where: { subscriberId, newAddress: { not: "" }, renumbering: { oldPrefixId, state: { not: "cancelled" } } },
    orderBy: { renumbering: { createdAt: "desc" } },
    select: { newAddress: true, renumbering: { select: { newPrefixId: true } } },
  });
  return m && m.renumbering.newPrefixId ? { address: m.newAddress, newPrefixId: m.renumbering.newPrefixId } : null;
}

/**
 * pending/dormant → migrated once the drain has begun (old prefix draining or retired) and the
 * subscriber's new lease is in the renumbering's NEW prefix, or on another home agent altogether (it left
 * the old prefix's HA, so nothing of it stays on the old prefix). Another prefix of the SAME home agent is
 * not a migration: on that HA a drain member only gets addresses in the new prefix, so the member stays pending.
 */
export async function markRenumberingMigration(tx: Tx, subscriberId: string, lease: { prefixId: string; homeAgentId: string }, now: Date): Promise<void> {
  const { prefixId } = lease;
  await tx.renumberingMember.updateMany({
    where: {
      subscriberId,
      state: { in: ["pending", "dormant"] },
      renumbering: {
        state: { not: "cancelled" },
        oldPrefixRef: { state: { in: ["draining", "retired"] } },
        OR: [{ newPrefixId: prefixId }, { oldPrefixRef: { homeAgentId: { not: lease.homeAgentId } } }],
      },
    },
    data: { state: "migrated", migratedAt: now },
  });
}
