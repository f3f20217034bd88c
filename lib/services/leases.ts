// Releasing a home address. The MN still believes it holds the HoA, so it is flagged to re-bootstrap
// (RFC 4640 §4: the console tells the MN through its next status call) and gets a fresh one.
import type { Actor } from "@/lib/auth/actor";
import { requireWrite } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/audit";
import { withTx } from "@/lib/db/tx";
import { getLease } from "@/lib/data/leases";

export async function releaseLease(actor: Actor, id: string): Promise<void> {
  await getLease(actor, id);
  requireWrite(actor);
  await withTx(async (tx) => {
    const before = await getLease(actor, id, tx);
    await tx.hoaLease.delete({ where: { id } });
    await tx.subscriber.update({
      where: { id: before.subscriberId },
      data: { rebootstrapRequired: true, rebootstrapReason: "admin", rebootstrapAt: new Date() },
    });
    await recordAudit(tx, actor, { action: "lease.release", objectType: "lease", objectId: id, before });
  });
}
