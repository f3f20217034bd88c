// The dormant list as CSV (RFC 4180): one row per dormant MN, for contacting it by other means.
import type { Actor } from "@/lib/auth/actor";
import { dormantMembers } from "@/lib/data/renumberings";
import { csvCell } from "@/lib/domain/csv-cell";

const HEADER = "nai,subscriberId,oldAddress,newAddress,static,lastBootstrapAt\r\n";

export function dormantCsv(actor: Actor, renumberingId: string): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const batches = dormantMembers(actor, renumberingId);
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(enc.encode(HEADER));
        return;
      }
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      const text = next.value
        .map((m) => [m.nai, m.subscriberId, m.oldAddress, m.newAddress, m.isStatic ? "yes" : "no", m.lastBootstrapAt ?? ""].map(csvCell).join(","))
        .join("\r\n");
      controller.enqueue(enc.encode(`${text}\r\n`));
    },
  });
}
