// Bulk set-up for the renumbering tests: thousands of subscribers with leases on one prefix, written
// with createMany (a bootstrap each would take minutes). Import only after DATABASE_URL is set.
import { getDb } from "@/lib/db/client";
import { parsePrefix, valueToAddress, addressHex } from "@/lib/domain/ipv6";

/** IIDs that are never reserved: 0x1000 + i (well clear of ::, the anycast range and the IANA block). */
export const iidOf = (i: number) => 0x1000n + BigInt(i);

export async function populatePrefix(o: {
  providerId: string; homeAgentId: string; prefixId: string; prefix: string; count: number; tag: string;
  staticEvery?: number; lastBootstrapAt: Date;
}): Promise<void> {
  const db = getDb();
  const p = parsePrefix(o.prefix);
  if (!p.ok) throw new Error(p.message);
  const CHUNK = 2000;
  for (let start = 0; start < o.count; start += CHUNK) {
    const idx = Array.from({ length: Math.min(CHUNK, o.count - start) }, (_, k) => start + k);
    const isStatic = (i: number) => !!o.staticEvery && i % o.staticEvery === 0;
    const addr = (i: number) => p.network | iidOf(i);
    await db.subscriber.createMany({
      data: idx.map((i) => ({
        id: `${o.tag}-${String(i).padStart(6, "0")}`,
        nai: `${o.tag}${i}@msp.example`,
        msaProviderId: o.providerId,
        homeAddressPolicy: isStatic(i) ? "static" : "dynamic",
        staticHomeAddress: isStatic(i) ? valueToAddress(addr(i)) : null,
        homeAgentId: o.homeAgentId,
        lastBootstrapAt: o.lastBootstrapAt,
      })),
    });
    await db.hoaLease.createMany({
      data: idx.map((i) => ({
        subscriberId: `${o.tag}-${String(i).padStart(6, "0")}`,
        prefixId: o.prefixId,
        homeAgentId: o.homeAgentId,
        address: valueToAddress(addr(i)),
        addressHex: addressHex(addr(i)),
        kind: isStatic(i) ? "static" : "dynamic",
      })),
    });
  }
}
