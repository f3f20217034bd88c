// The mobile node's side of spec/bootstrap-v1.md: build and MAC the request, send it through a
// transport, and trust nothing in the answer until its MAC verifies (a bogus HA offered by an attacker
// must be rejected). The PSK is derived locally and returned to the caller, never printed here.
import crypto from "node:crypto";
import { z } from "zod";
import { parseNai, normalizeRealm } from "@/lib/domain/nai";
import { deriveAuthKey, derivePsk, keyName, decodeBase64Url, encodeBase64Url } from "@/lib/domain/keys";
import { parseAddress, parsePrefix, prefixContains } from "@/lib/domain/ipv6";
import { reservedHomeAddressReason, type HomeAddressMode } from "@/lib/domain/home-address";
import {
  requestMacString, responseMacString, statusMacString, statusResponseMacString, computeMac, verifyMac,
} from "@/lib/bootstrap/canonical";

export type TransportReply = { status: number; body: unknown };

export type Transport = {
  bootstrap(body: Record<string, unknown>): Promise<TransportReply>;
  status(body: Record<string, unknown>): Promise<TransportReply>;
};

/** Talks to a console over HTTP(S). */
export function httpTransport(baseUrl: string): Transport {
  const base = baseUrl.replace(/\/+$/, "");
  async function post(path: string, body: Record<string, unknown>): Promise<TransportReply> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    } catch (e) {
      // Say where we looked: the usual cause is a console on another port (--url or MN_URL).
      throw new Error(`${base}: ${(e as Error).message}`);
    }
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { error: "malformed_response", message: `HTTP ${res.status}: ${text.slice(0, 200)}` };
    }
    return { status: res.status, body: parsed };
  }
  return { bootstrap: (b) => post("/api/bootstrap/v1", b), status: (b) => post("/api/bootstrap/v1/status", b) };
}

/** Errors the MN detects itself, besides the server's own codes. */
export type ClientErrorCode = "transport_error" | "malformed_response" | "response_mac_invalid" | "key_name_mismatch" | "home_address_invalid";

export type MnError = { ok: false; status: number; error: string; message: string; fields?: Record<string, string> };

export type BootstrapSuccess = {
  ok: true;
  sessionId: string;
  scenario: string;
  homeAgent: { address: string; fqdn: string };
  homeAddress: string;
  homePrefix: string;
  ike: { idi: string; idr: string; keyName: string; lifetimeSeconds: number };
  issuedAt: string;
  expiresAt: string;
  /** IKEv2 pre-shared key for this session: give it to the IKE daemon, never print or log it */
  psk: Buffer;
};

export type StatusSuccess = { ok: true; rebootstrapRequired: boolean; reason: string | null };

export type BootstrapOptions = {
  transport: Transport;
  nai: string;
  /** root secret: raw bytes or base64url */
  secret: Buffer | string;
  servingRealm?: string;
  mode?: HomeAddressMode;
  trigger?: string;
  now?: Date;
};

const ResponseSchema = z.object({
  sessionId: z.string(),
  scenario: z.string(),
  homeAgent: z.object({ address: z.string(), fqdn: z.string() }),
  homeAddress: z.string(),
  homePrefix: z.string(),
  ike: z.object({ idi: z.string(), idr: z.string(), keyName: z.string(), lifetimeSeconds: z.number().int() }),
  issuedAt: z.string(),
  expiresAt: z.string(),
  mac: z.string(),
});

const StatusSchema = z.object({
  rebootstrapRequired: z.boolean(),
  reason: z.string().nullable(),
  mac: z.string(),
});

const ErrorSchema = z.object({ error: z.string(), message: z.string().optional(), fields: z.record(z.string(), z.string()).optional() });

function fail(status: number, error: ClientErrorCode | string, message: string, fields?: Record<string, string>): MnError {
  return fields ? { ok: false, status, error, message, fields } : { ok: false, status, error, message };
}

function secretBytes(secret: Buffer | string): Buffer {
  if (Buffer.isBuffer(secret)) return secret;
  const b = decodeBase64Url(secret.trim());
  if (!b) throw new Error("the secret must be base64url without padding");
  return b;
}

/** The NAI as the spec compares it (realm ASCII-lowered); an invalid one is sent as is for the server to refuse. */
function normalisedNai(nai: string): string {
  const r = parseNai(nai);
  return r.ok ? r.nai : nai;
}

function serverError(reply: TransportReply): MnError {
  const e = ErrorSchema.safeParse(reply.body);
  if (!e.success) return fail(reply.status, "malformed_response", `unexpected HTTP ${reply.status} answer`);
  return fail(reply.status, e.data.error, e.data.message ?? e.data.error, e.data.fields);
}

async function send(fn: () => Promise<TransportReply>): Promise<TransportReply | MnError> {
  try {
    return await fn();
  } catch (e) {
    return fail(0, "transport_error", `could not reach the console: ${(e as Error).message}`);
  }
}

export async function bootstrap(opts: BootstrapOptions): Promise<BootstrapSuccess | MnError> {
  const secret = secretBytes(opts.secret);
  const nai = normalisedNai(opts.nai);
  const request = {
    nai,
    servingRealm: normalizeRealm(opts.servingRealm ?? ""),
    timestamp: (opts.now ?? new Date()).toISOString(),
    nonce: encodeBase64Url(crypto.randomBytes(16)),
    homeAddressMode: opts.mode ?? "dynamic",
    trigger: opts.trigger ?? "boot",
  };
  const kAuth = deriveAuthKey(secret, nai);
  const mac = computeMac(kAuth, requestMacString(request));
  const reply = await send(() => opts.transport.bootstrap({ ...request, mac }));
  if ("ok" in reply) return reply;
  if (reply.status !== 200) return serverError(reply);

  const r = ResponseSchema.safeParse(reply.body);
  if (!r.success) return fail(reply.status, "malformed_response", "the bootstrap response does not have the spec's fields");
  const res = r.data;
  // Nothing in the answer is used before this check: a forged HA or HoA fails here.
  if (!verifyMac(kAuth, responseMacString(request.nonce, res), res.mac)) {
    return fail(reply.status, "response_mac_invalid", "the response MAC does not verify; the answer was not sent by the console that holds this secret");
  }
  const psk = derivePsk(secret, res.sessionId, nai, res.homeAgent.address);
  if (keyName(psk) !== res.ike.keyName) {
    return fail(reply.status, "key_name_mismatch", "ike.keyName does not name the PSK derived from this secret");
  }
  const prefix = parsePrefix(res.homePrefix);
  const hoa = parseAddress(res.homeAddress);
  if (!prefix.ok || !hoa.ok || !prefixContains(prefix, hoa.value)) {
    return fail(reply.status, "home_address_invalid", `home address ${res.homeAddress} is not inside home prefix ${res.homePrefix}`);
  }
  const reserved = reservedHomeAddressReason(hoa.value, prefix);
  if (reserved) return fail(reply.status, "home_address_invalid", `home address ${res.homeAddress} is reserved: ${reserved}`);
  const { mac: _mac, ...fields } = res;
  void _mac;
  return { ok: true, ...fields, psk };
}

export type StatusOptions = { transport: Transport; nai: string; secret: Buffer | string; now?: Date };

export async function status(opts: StatusOptions): Promise<StatusSuccess | MnError> {
  const secret = secretBytes(opts.secret);
  const nai = normalisedNai(opts.nai);
  const request = { nai, timestamp: (opts.now ?? new Date()).toISOString(), nonce: encodeBase64Url(crypto.randomBytes(16)) };
  const kAuth = deriveAuthKey(secret, nai);
  const mac = computeMac(kAuth, statusMacString(request));
  const reply = await send(() => opts.transport.status({ ...request, mac }));
  if ("ok" in reply) return reply;
  if (reply.status !== 200) return serverError(reply);
  const r = StatusSchema.safeParse(reply.body);
  if (!r.success) return fail(reply.status, "malformed_response", "the status response does not have the spec's fields");
  if (!verifyMac(kAuth, statusResponseMacString(request.nonce, r.data), r.data.mac)) {
    return fail(reply.status, "response_mac_invalid", "the status response MAC does not verify");
  }
  return { ok: true, rebootstrapRequired: r.data.rebootstrapRequired, reason: r.data.reason };
}
