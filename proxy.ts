// Optimistic gate only: no session cookie → the sign-in page. The real check (valid JWT, user still
// enabled, role and scope) happens on the server in lib/auth/session.ts for every page and action.
// For the APIs it only answers methods a route does not implement, with a JSON 405 (lib/api/method-not-allowed.ts).
// On every page (console, portal, sign-in, unknown paths) a state-changing request from another origin —
// a cross-site server-action post — is refused with 403 before Next's own origin check would answer it
// with a 500 (lib/security/action-origin.ts: Next's rule, applied first).
import { NextResponse, type NextRequest } from "next/server";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { refuseCrossOriginAction } from "@/lib/security/action-origin";
import { refuseUndecodableAction } from "@/lib/security/action-body";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

const API_PATH = /^\/api\/(v1|bootstrap)(\/|$)/;

/** The pages open without an operator session: the sign-in page and the subscriber portal (its own cookie).
 *  Every other page — console pages, and unknown paths — is behind the gate, so a console page added later
 *  cannot be left out of a list. */
const OPEN_PATH = /^\/(?:signin|portal)(?:\/|$)/;

export async function proxy(request: NextRequest) {
  if (API_PATH.test(request.nextUrl.pathname)) {
    // The APIs authenticate themselves (401 in their own shape); never redirect them to the sign-in page.
    return methodNotAllowed(request.method, request.nextUrl.pathname) ?? NextResponse.next();
  }
  const crossOrigin = refuseCrossOriginAction(request);
  if (crossOrigin) return crossOrigin;
  // A server-action body React cannot decode: 400 here, where Next would answer 500 (lib/security/action-body.ts).
  const undecodable = await refuseUndecodableAction(request);
  if (undecodable) return undecodable;
  if (OPEN_PATH.test(request.nextUrl.pathname)) return NextResponse.next();
  const hasSession = request.cookies.getAll().some((c) => SESSION_COOKIES.some((n) => c.name === n || c.name.startsWith(`${n}.`)));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  const callbackUrl = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  url.pathname = "/signin";
  url.search = callbackUrl === "/" ? "" : `?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Every page (cross-origin check; the sign-in gate on all but OPEN_PATH) and the two APIs (405 only: they
  // answer 401 themselves). Not next-auth's /api/auth (its own CSRF token), /api/health, nor build assets.
  matcher: [
    "/((?!api/|_next/|favicon.ico|icon.svg|robots.txt).*)",
    "/api/v1/:path*",
    "/api/bootstrap/:path*",
  ],
};
