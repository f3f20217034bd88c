// The server-side gate for portal pages, actions and routes: reads the portal cookie (lib/auth/portal-cookie.ts)
// and re-reads the subscriber on every request (subscriberOfSession), so a deleted subscriber or a changed
// portal password ends the session at once. Operator gates (lib/auth/session.ts, bearer tokens, proxy.ts)
// never look at this cookie, and its Path=/portal keeps browsers from sending it anywhere else.
import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { subscriberOfSession, portalSessionValue, type PortalSubscriber } from "@/lib/services/portal";
import { PORTAL_COOKIE, PORTAL_SESSION_SECONDS } from "./portal-cookie";

const COOKIE_PATH = "/portal";

export const getCurrentSubscriber = cache(async (): Promise<PortalSubscriber | null> => {
  return subscriberOfSession((await cookies()).get(PORTAL_COOKIE)?.value);
});

/** The signed-in subscriber, or a redirect to the portal sign-in. */
export async function requireSubscriber(): Promise<PortalSubscriber> {
  const s = await getCurrentSubscriber();
  if (!s) redirect("/portal/signin");
  return s;
}

/** Secure when the browser talks https to us (directly or through a proxy that says so). */
async function isHttps(): Promise<boolean> {
  const proto = (await headers()).get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (proto) return proto === "https";
  return (process.env.NEXTAUTH_URL ?? "").startsWith("https:");
}

export async function startPortalSession(s: { id: string; passwordVersion: string }): Promise<void> {
  (await cookies()).set(PORTAL_COOKIE, portalSessionValue(s), {
    httpOnly: true,
    secure: await isHttps(),
    sameSite: "lax",
    path: COOKIE_PATH,
    maxAge: PORTAL_SESSION_SECONDS,
  });
}

export async function endPortalSession(): Promise<void> {
  (await cookies()).set(PORTAL_COOKIE, "", { httpOnly: true, sameSite: "lax", path: COOKIE_PATH, maxAge: 0 });
}
