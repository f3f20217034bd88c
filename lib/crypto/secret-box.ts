// Secrets at rest: AES-256-GCM with a 256-bit data key.
// The key comes from CONSOLE_SECRET_KEY (base64/base64url/hex of 32 bytes) or from a key file that is
// created on first start with mode 0600. Only the key file's path is ever logged, never the key.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

const VERSION = "v1";
let cachedKey: Buffer | null = null;

function decodeKey(text: string): Buffer {
  const t = text.trim();
  const buf = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, "hex") : Buffer.from(t.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (buf.length !== 32) throw new Error("the data key must be 32 bytes (64 hex digits or base64)");
  return buf;
}

export function dataKey(): Buffer {
  if (cachedKey) return cachedKey;
  const e = env();
  if (e.CONSOLE_SECRET_KEY) {
    cachedKey = decodeKey(e.CONSOLE_SECRET_KEY);
    return cachedKey;
  }
  const file = path.resolve(e.CONSOLE_KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      // "wx": never overwrite a key another process created a moment ago.
      fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
      console.log(`[mip6] created data encryption key file ${file} (mode 0600); back it up with the database`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  cachedKey = decodeKey(fs.readFileSync(file, "utf8"));
  return cachedKey;
}

/** Encrypt; `aad` binds the ciphertext to its owner (e.g. the subscriber id) so rows cannot be swapped. */
export function seal(plaintext: Buffer, aad: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", dataKey(), iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), ct.toString("base64url")].join(":");
}

export function open(sealed: string, aad: string): Buffer {
  const [version, iv, tag, ct] = sealed.split(":");
  if (version !== VERSION || !iv || !tag || ct === undefined) throw new Error("unrecognised sealed secret format");
  const decipher = crypto.createDecipheriv("aes-256-gcm", dataKey(), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]);
}

export function resetDataKeyCache(): void {
  cachedKey = null;
}
