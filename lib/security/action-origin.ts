// Cross-origin server-action requests get a clean 403 from proxy.ts instead of Next's 500.
//
// Next.js refuses a server action whose Origin does not match the host (its CSRF check, see
// node_modules/next/dist/server/app-render/action-handler.js), but it does so by throwing: the client
// gets HTTP 500 and the log an error line. proxy.ts applies the same rule first and answers 403.
//
// The rule is Next's own, so nothing Next would run is refused and nothing Next would refuse gets through:
// - the Origin's host (`new URL(origin).host`: lower-case name, default port dropped; "null" stays "null")
//   must equal the first value of X-Forwarded-Host (trimmed), or the Host header when that is absent —
//   Next honours X-Forwarded-Host (behind a reverse proxy it names the public host), and so do we;
// - or match an entry of experimental.serverActions.allowedOrigins (exact, or `*.` / `**.` wildcards);
// - a request WITHOUT an Origin header is let through, as Next does: every browser sends Origin on a POST
//   (Fetch standard), so its absence means a hand-made request (curl, a script), which carries no cookie
//   its sender did not hold already — it is not a forgery. Next then runs or refuses the action itself.
// - an Origin that is not a URL is refused (Next would throw on it: another 500).
// Unlike Next, this applies to every non-GET/HEAD/OPTIONS request to a page, Next-Action header or not:
// a no-JavaScript form post (multipart, the action id in the body) is a server action too.

/**
 * Must equal experimental.serverActions.allowedOrigins in next.config.ts (proxy.ts cannot read the config;
 * lib/security/action-origin.test.ts checks the two agree). Deliberately empty: no other origin may post.
 */
export const SERVER_ACTION_ALLOWED_ORIGINS: readonly string[] = [];

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Next's `*.example.com` / `**.example.com` matching (csrf-protection.js), ASCII case-insensitive. */
function matchWildcardDomain(domain: string, pattern: string): boolean {
  const domainParts = domain.replace(/[A-Z]/g, (c) => c.toLowerCase()).split(".");
  const patternParts = pattern.replace(/[A-Z]/g, (c) => c.toLowerCase()).split(".");
  if (patternParts.length < 1 || domainParts.length < patternParts.length) return false;
  if (patternParts.length === 1 && (patternParts[0] === "*" || patternParts[0] === "**")) return false;
  while (patternParts.length) {
    const p = patternParts.pop();
    const d = domainParts.pop();
    if (p === "") return false;
    if (p === "*") {
      if (!d) return false;
      continue;
    }
    if (p === "**") return patternParts.length > 0 ? false : d !== undefined;
    if (d !== p) return false;
  }
  return domainParts.length === 0;
}

/** Next's isCsrfOriginAllowed: is this origin host listed in allowedOrigins? */
export function originAllowed(originHost: string, allowed: readonly string[] = SERVER_ACTION_ALLOWED_ORIGINS): boolean {
  const normalized = originHost.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return allowed.some((entry) => !!entry && (entry.replace(/[A-Z]/g, (c) => c.toLowerCase()) === normalized || matchWildcardDomain(originHost, entry)));
}

/** The host Next compares the Origin with: X-Forwarded-Host's first value, else Host. */
export function requestHost(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return forwarded || headers.get("host") || null;
}

export type OriginVerdict = { ok: true; reason: "no-origin" | "same-host" | "allowed-origin" } | { ok: false; reason: "foreign-origin" | "bad-origin" | "no-host" };

/** Next's server-action origin rule for these request headers. */
export function actionOriginVerdict(headers: Headers, allowed: readonly string[] = SERVER_ACTION_ALLOWED_ORIGINS): OriginVerdict {
  const origin = headers.get("origin");
  if (origin === null) return { ok: true, reason: "no-origin" };
  let originHost: string;
  if (origin === "null") originHost = "null";
  else {
    try {
      originHost = new URL(origin).host;
    } catch {
      return { ok: false, reason: "bad-origin" };
    }
  }
  const host = requestHost(headers);
  if (host && originHost === host) return { ok: true, reason: "same-host" };
  if (originAllowed(originHost, allowed)) return { ok: true, reason: "allowed-origin" };
  return { ok: false, reason: host ? "foreign-origin" : "no-host" };
}

/**
 * For proxy.ts, on page paths (never the APIs): a 403 for a state-changing request whose Origin Next would
 * refuse, else null. GET/HEAD/OPTIONS are never touched.
 */
export function refuseCrossOriginAction(request: { method: string; headers: Headers }): Response | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const verdict = actionOriginVerdict(request.headers);
  if (verdict.ok) return null;
  return new Response("Forbidden: this console's forms and actions can only be submitted from its own pages.\n", {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" },
  });
}
