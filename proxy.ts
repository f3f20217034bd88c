// Optimistic gate only: no session cookie → the sign-in page. The real check (valid JWT, user still
// enabled, role and scope) happens on the server in lib/auth/session.ts for every page and action.
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = request.cookies.getAll().some((c) => SESSION_COOKIES.some((n) => c.name === n || c.name.startsWith(`${n}.`)));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  const callbackUrl = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  url.pathname = "/signin";
  url.search = callbackUrl === "/" ? "" : `?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Console pages only: the APIs answer 401 themselves, and /signin, assets and health stay open.
  matcher: [
    "/",
    "/dashboard/:path*",
    "/subscribers/:path*",
    "/home-agents/:path*",
    "/prefixes/:path*",
    "/sessions/:path*",
    "/providers/:path*",
    "/agreements/:path*",
    "/explain/:path*",
    "/account/:path*",
    "/users/:path*",
    "/audit/:path*",
  ],
};
