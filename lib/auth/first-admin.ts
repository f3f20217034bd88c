// The first admin account, created at start against an empty user table.
// With CONSOLE_ADMIN_PASSWORD unset a strong random password is generated, returned for the start script
// to print once, and must be changed at first sign-in: no well-known default password ever exists.
import crypto from "node:crypto";
import { env } from "@/lib/env";
import { passwordProblem } from "@/lib/auth/password";
import { createFirstAdminIfNone } from "@/lib/services/users";

export type EnsureFirstAdminResult =
  | { created: false }
  | { created: true; email: string; generatedPassword: string | null; mustChangePassword: boolean };

/** 18 random bytes → 24 base64url characters (144 bits): not guessable, easy to copy from a log. */
export function generatePassword(): string {
  return crypto.randomBytes(18).toString("base64url");
}

export async function ensureFirstAdmin(): Promise<EnsureFirstAdminResult> {
  const e = env();
  const configured = e.CONSOLE_ADMIN_PASSWORD?.length ? e.CONSOLE_ADMIN_PASSWORD : null;
  if (configured && passwordProblem(configured)) {
    // Refuse rather than silently create an account with a weak or default password.
    throw new Error(`CONSOLE_ADMIN_PASSWORD is not acceptable: ${passwordProblem(configured)}`);
  }
  const password = configured ?? generatePassword();
  const result = await createFirstAdminIfNone({
    email: e.CONSOLE_ADMIN_EMAIL,
    password,
    mustChangePassword: configured === null,
  });
  if (!result.created) return { created: false };
  return {
    created: true,
    email: result.email,
    generatedPassword: configured === null ? password : null,
    mustChangePassword: result.mustChangePassword,
  };
}
