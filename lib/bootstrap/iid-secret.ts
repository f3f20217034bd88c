// The per-deployment secret behind stable (RFC 7217-style) home addresses. It is derived from the data
// key with its own HKDF label, so no extra key has to be stored, and nobody without the data key can
// predict which HoA a subscriber will get. Rotating the data key changes future dynamic HoAs (existing
// leases are kept while their prefix stays active).
import { dataKey } from "@/lib/crypto/secret-box";
import { hkdfSha256 } from "@/lib/domain/keys";

let cached: { from: Buffer; secret: Buffer } | null = null;

export function homeAddressSecret(): Buffer {
  const key = dataKey();
  if (!cached || cached.from !== key) cached = { from: key, secret: hkdfSha256(key, "mip6-hoa-iid-v1", "stable-iid", 32) };
  return cached.secret;
}
