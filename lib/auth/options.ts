// next-auth (v4) configuration: Credentials provider, JWT sessions in an encrypted cookie.
// The JWT only says who signed in; lib/auth/session.ts re-reads the user on every request, so disabling a
// user or changing a role or scope takes effect at once rather than when the token expires.
import crypto from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { dataKey } from "@/lib/crypto/secret-box";
import { authenticate, normalizeEmail } from "@/lib/services/users";
import { checkSignInRate, signInSourceOf } from "@/lib/auth/sign-in-rate-limit";

export type SessionClaims = {
  userId: string;
  role: string;
  providerIds: string[];
  mustChangePassword: boolean;
};

/**
 * NEXTAUTH_SECRET when set; otherwise derived from the data key with HKDF, so nobody has to configure one
 * and sessions survive restarts (the key file persists next to the database).
 */
export function nextAuthSecret(): string {
  const configured = process.env.NEXTAUTH_SECRET?.trim();
  if (configured) return configured;
  const derived = crypto.hkdfSync("sha256", dataKey(), Buffer.alloc(0), Buffer.from("nextauth", "utf8"), 32);
  return Buffer.from(derived).toString("base64url");
}

// next-auth builds absolute redirect URLs from NEXTAUTH_URL and otherwise assumes http://localhost:3000.
// The console runs on $PORT behind whatever host name people use, so unless NEXTAUTH_URL pins the origin,
// take it from the request's Host header (next-auth's own AUTH_TRUST_HOST switch). Its redirect callback
// still only allows same-origin targets.
if (!process.env.NEXTAUTH_URL && !process.env.AUTH_TRUST_HOST) process.env.AUTH_TRUST_HOST = "true";

/** Working hours plus margin: a stolen cookie is not good for a month. */
const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** Secure cookies when NEXTAUTH_URL is https. */
export function secureCookies(url = process.env.NEXTAUTH_URL): boolean {
  return !!url && /^https:\/\//i.test(url.trim());
}

let cached: NextAuthOptions | null = null;

/** Built on first use, not at import, so `next build` never touches the key file. */
export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  cached = {
    secret: nextAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
    // Cookies are HttpOnly and SameSite=Lax (next-auth's defaults); Secure (and __Secure-/__Host- names)
    // whenever the console's URL is https. next-auth infers this from NEXTAUTH_URL too; stating it keeps
    // a proxy-forwarded http hop from downgrading it.
    useSecureCookies: secureCookies(),
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          totp: { label: "Authentication code", type: "text" },
        },
        async authorize(credentials, req) {
          const email = String(credentials?.email ?? "");
          // Flood limits first (cheap): over them, the same generic failure, and no password is tried.
          const limit = await checkSignInRate({ email: normalizeEmail(email).slice(0, 254), sourceAddress: signInSourceOf(req?.headers) });
          if (limit.limited) return null;
          const user = await authenticate(email, String(credentials?.password ?? ""), new Date(), String(credentials?.totp ?? "").slice(0, 16));
          if (!user) return null; // next-auth answers "CredentialsSignin": one message for every failure
          return {
            id: user.id,
            email: user.email,
            role: user.role,
            providerIds: user.providerIds,
            mustChangePassword: user.mustChangePassword,
          };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as typeof user & Omit<SessionClaims, "userId">;
          token.userId = u.id;
          token.role = u.role;
          token.providerIds = u.providerIds;
          token.mustChangePassword = u.mustChangePassword;
        }
        return token;
      },
      async session({ session, token }) {
        // Only the id matters to the server (it reloads the rest); the claims are for display.
        return {
          ...session,
          user: { email: token.email ?? null, name: null, image: null },
          userId: token.userId,
          role: token.role,
          mustChangePassword: token.mustChangePassword,
        };
      },
    },
  };
  return cached;
}
