// Shared set-up for the bootstrap integration tests: a temp SQLite database and a small topology
// created through Prisma and the real credentials service. Import only after DATABASE_URL is set.
import crypto from "node:crypto";
import { getDb } from "@/lib/db/client";
import { withTx } from "@/lib/db/tx";
import { generateRootSecret, storeRootSecret, encodeSecret } from "@/lib/services/credentials";
import { parsePrefix, parseAddress } from "@/lib/domain/ipv6";
import { deriveAuthKey, encodeBase64Url } from "@/lib/domain/keys";
import { requestMacString, statusMacString, computeMac } from "@/lib/bootstrap/canonical";

export async function createProvider(name: string, roles: string[], realms: Array<{ name: string; region?: string }>) {
  return getDb().provider.create({
    data: {
      name,
      roles: { create: roles.map((role) => ({ role })) },
      realms: { create: realms.map((r) => ({ name: r.name, region: r.region ?? null })) },
    },
    select: { id: true, name: true },
  });
}

export async function createHomeAgent(
  providerId: string,
  o: { name: string; fqdn: string; address: string; region: string; capacity?: number; state?: string; prefixes: string[] },
) {
  const db = getDb();
  const ha = await db.homeAgent.create({
    data: { providerId, name: o.name, fqdn: o.fqdn, address: o.address, region: o.region, capacity: o.capacity ?? 10000, state: o.state ?? "in-service" },
    select: { id: true, name: true, address: true, fqdn: true },
  });
  const prefixes = [];
  for (const text of o.prefixes) {
    const p = parsePrefix(text);
    if (!p.ok) throw new Error(p.message);
    prefixes.push(
      await db.homePrefix.create({
        data: { homeAgentId: ha.id, prefix: p.canonical, length: p.length, startHex: p.startHex, endHex: p.endHex, state: "active" },
        select: { id: true, prefix: true },
      }),
    );
  }
  return { ...ha, prefixes };
}

export async function createSubscriber(
  nai: string,
  msaProviderId: string,
  o: { status?: string; homeAddressPolicy?: string; staticHomeAddress?: string; pinnedHomeAgentId?: string } = {},
) {
  const secret = generateRootSecret();
  const sub = await withTx(async (tx) => {
    const s = await tx.subscriber.create({
      data: {
        nai, msaProviderId, status: o.status ?? "active", homeAddressPolicy: o.homeAddressPolicy ?? "dynamic",
        staticHomeAddress: o.staticHomeAddress ?? null, pinnedHomeAgentId: o.pinnedHomeAgentId ?? null,
      },
      select: { id: true, nai: true },
    });
    await storeRootSecret(tx, s.id, secret);
    return s;
  });
  return { ...sub, secret, secretText: encodeSecret(secret) };
}

/** Lease `addresses` to throw-away subscribers (fills a small prefix). */
export async function fillLeases(providerId: string, homeAgentId: string, prefixId: string, addresses: string[], tag: string) {
  const db = getDb();
  for (const [i, text] of addresses.entries()) {
    const a = parseAddress(text);
    if (!a.ok) throw new Error(a.message);
    const s = await db.subscriber.create({ data: { nai: `filler${i}@${tag}.example`, msaProviderId: providerId }, select: { id: true } });
    await db.hoaLease.create({ data: { subscriberId: s.id, prefixId, homeAgentId, address: a.canonical, addressHex: a.hex, kind: "dynamic" } });
  }
}

/** A signed bootstrap request built by hand (for replay and freshness cases). */
export function signedBootstrapBody(
  nai: string,
  secret: Buffer,
  o: { servingRealm?: string; timestamp?: string; nonce?: string; homeAddressMode?: string; trigger?: string } = {},
) {
  const fields = {
    nai,
    servingRealm: o.servingRealm ?? "",
    timestamp: o.timestamp ?? new Date().toISOString(),
    nonce: o.nonce ?? encodeBase64Url(crypto.randomBytes(16)),
    homeAddressMode: o.homeAddressMode ?? "dynamic",
    trigger: o.trigger ?? "boot",
  };
  return { ...fields, mac: computeMac(deriveAuthKey(secret, nai), requestMacString(fields)) };
}

export function signedStatusBody(nai: string, secret: Buffer, o: { timestamp?: string; nonce?: string } = {}) {
  const fields = { nai, timestamp: o.timestamp ?? new Date().toISOString(), nonce: o.nonce ?? encodeBase64Url(crypto.randomBytes(16)) };
  return { ...fields, mac: computeMac(deriveAuthKey(secret, nai), statusMacString(fields)) };
}
