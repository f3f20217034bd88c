// The exact strings that bootstrap-v1 MACs cover (spec/bootstrap-v1.md): fixed label first, fields in
// the spec's order, joined by "\n", no trailing newline. Shared by the server and the MN client so the
// two sides can never disagree on what is signed.
import { hmacSha256, macEquals, decodeBase64Url, encodeBase64Url } from "@/lib/domain/keys";

export type RequestMacFields = {
  nai: string;
  servingRealm: string;
  timestamp: string;
  nonce: string;
  homeAddressMode: string;
  trigger: string;
};

export type ResponseMacFields = {
  sessionId: string;
  scenario: string;
  homeAgent: { address: string; fqdn: string };
  homeAddress: string;
  homePrefix: string;
  ike: { keyName: string; lifetimeSeconds: number };
  expiresAt: string;
};

export type StatusMacFields = { nai: string; timestamp: string; nonce: string };

export type StatusResponseMacFields = { rebootstrapRequired: boolean; reason: string | null };

export function requestMacString(f: RequestMacFields): string {
  return ["MIP6-BOOTSTRAP-V1-REQUEST", f.nai, f.servingRealm, f.timestamp, f.nonce, f.homeAddressMode, f.trigger].join("\n");
}

export function responseMacString(requestNonce: string, r: ResponseMacFields): string {
  return [
    "MIP6-BOOTSTRAP-V1-RESPONSE",
    requestNonce,
    r.sessionId,
    r.scenario,
    r.homeAgent.address,
    r.homeAgent.fqdn,
    r.homeAddress,
    r.homePrefix,
    r.ike.keyName,
    String(r.ike.lifetimeSeconds),
    r.expiresAt,
  ].join("\n");
}

export function statusMacString(f: StatusMacFields): string {
  return ["MIP6-BOOTSTRAP-V1-STATUS", f.nai, f.timestamp, f.nonce].join("\n");
}

export function statusResponseMacString(requestNonce: string, r: StatusResponseMacFields): string {
  return ["MIP6-BOOTSTRAP-V1-STATUS-RESPONSE", requestNonce, r.rebootstrapRequired ? "true" : "false", r.reason ?? ""].join("\n");
}

/** base64url HMAC-SHA256 of a canonical string. */
export function computeMac(kAuth: Buffer, canonical: string): string {
  return encodeBase64Url(hmacSha256(kAuth, canonical));
}

/** Constant-time check of a base64url MAC; malformed text is simply a mismatch (same work done). */
export function verifyMac(kAuth: Buffer, canonical: string, mac: string): boolean {
  const expected = hmacSha256(kAuth, canonical);
  const received = decodeBase64Url(mac) ?? Buffer.alloc(0);
  return macEquals(expected, received);
}
