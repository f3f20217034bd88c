// Operator passwords: argon2id hashes (RFC 9106) via @node-rs/argon2, and the one password policy that the
// first-admin bootstrap, the password-change form and the user API all apply.
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

// Algorithm.Argon2id; the package's `const enum` cannot be imported under isolatedModules.
const ARGON2ID = 2;
// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): slow enough for offline guessing, fast enough
// that a sign-in does not stall a 2-core server.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

// Passwords that show up in every default-credential list; never accepted, whatever their length.
const WELL_KNOWN = new Set([
  "admin", "administrator", "password", "changeme", "change-me", "letmein", "welcome", "secret", "root",
  "12345678", "123456789", "1234567890", "123456789012", "qwerty", "qwertyuiop", "password123", "password1234",
  "adminadmin", "admin123", "admin1234", "admin@localhost", "passw0rd", "p@ssw0rd", "mip6", "mip6console",
]);

export async function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** True only for the right password; a malformed or foreign hash is simply "no". */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Why a candidate password is refused, or null when acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (WELL_KNOWN.has(password.toLowerCase())) return "This password is on every default-password list; choose another.";
  if (/^(.)\1*$/.test(password)) return "A single repeated character is not a password.";
  return null;
}

export const NewPasswordSchema = z.string().superRefine((pw, ctx) => {
  const problem = passwordProblem(pw);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const PasswordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword: NewPasswordSchema,
    confirmPassword: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.confirmPassword !== v.newPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two new passwords differ." });
    }
    if (v.currentPassword && v.newPassword === v.currentPassword) {
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "The new password must differ from the current one." });
    }
  });

export type PasswordChangeInput = z.infer<typeof PasswordChangeSchema>;

// A valid argon2id hash of a random string nobody knows: verifying against it when the email is unknown
// makes an unknown-email sign-in take as long as a wrong-password one.
let dummyHash: Promise<string> | null = null;
export function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}
