// Optimistic gate only: no session cookie → the sign-in page. The real check (valid JWT, user still
// enabled, role and scope) happens on the server in lib/auth/session.ts for every page and action.
// For the APIs it only answers methods a route does not implement, with a JSON 405 (lib/api/method-not-allowed.ts).
import { NextResponse, type NextRequest } from "next/server";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

const API_PATH = /^\/api\/(v1|bootstrap)(\/|$)/;

export function proxy(request: NextRequest) {
  if (API_PATH.test(request.nextUrl.pathname)) {
    // The APIs authenticate themselves (401 in their own shape); never redirect them to the sign-in page.
    return methodNotAllowed(request.method, request.nextUrl.pathname) ?? NextResponse.next();
  }
  const hasSession = request.cookies.getAll().some((c) => SESSION_COOKIES.some((n) => c.name === n || c.name.startsWith(`${n}.`)));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  const callbackUrl = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  url.pathname = "/signin";
  url.search = callbackUrl === "/" ? "" : `?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Console pages (sign-in gate) and the APIs (405 only: they answer 401 themselves); /signin, assets and health stay open.
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
    "/api/v1/:path*",
    "/api/bootstrap/:path*",
  ],
};
