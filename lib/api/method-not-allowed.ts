// JSON 405 for methods a /api/v1 or /api/bootstrap route does not implement. Next.js answers those with
// an empty body; spec/api-v1.md wants every error as { error, message }. proxy.ts calls this before
// routing, using the generated table of what each route module exports (lib/api/route-methods.generated.ts).
import { ROUTE_METHODS } from "./route-methods.generated";

type Route = { template: string; methods: readonly string[] };

/** 0 static, 1 [param], 2 [...catchAll], 3 [[...optional]]: Next.js prefers the lower, segment by segment. */
function segmentRank(seg: string): number {
  if (seg.startsWith("[[...")) return 3;
  if (seg.startsWith("[...")) return 2;
  if (seg.startsWith("[")) return 1;
  return 0;
}

/** Ranks per segment when `template` matches `parts`, else null. */
function match(template: string, parts: string[]): number[] | null {
  const segs = template.split("/").filter(Boolean);
  const ranks: number[] = [];
  for (let i = 0; i < segs.length; i++) {
    const rank = segmentRank(segs[i]);
    ranks.push(rank);
    if (rank >= 2) {
      const rest = parts.length - i;
      return rank === 2 && rest < 1 ? null : ranks;
    }
    if (i >= parts.length) return null;
    if (rank === 0 && segs[i] !== parts[i]) return null;
  }
  return segs.length === parts.length ? ranks : null;
}

const lower = (a: number[], b: number[]) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i];
  return a.length > b.length;
};

/** The route module Next.js would pick for this path, or null when none under the API roots matches. */
export function routeFor(pathname: string, routes: readonly Route[] = ROUTE_METHODS): Route | null {
  let parts: string[];
  try {
    parts = pathname.split("/").filter(Boolean).map((p) => decodeURIComponent(p));
  } catch {
    return null;
  }
  let best: { route: Route; ranks: number[] } | null = null;
  for (const route of routes) {
    const ranks = match(route.template, parts);
    if (ranks && (!best || lower(ranks, best.ranks))) best = { route, ranks };
  }
  return best?.route ?? null;
}

/** What Next.js serves for a module exporting `methods`: HEAD comes with GET, OPTIONS always. */
export function allowedMethods(methods: readonly string[]): string[] {
  const allow = new Set([...methods, "OPTIONS"]);
  if (allow.has("GET")) allow.add("HEAD");
  return [...allow].sort();
}

/** A 405 Response for `method` on `pathname`, or null when the route implements it (or is unknown). */
export function methodNotAllowed(method: string, pathname: string, routes: readonly Route[] = ROUTE_METHODS): Response | null {
  const route = routeFor(pathname, routes);
  if (!route) return null;
  const allow = allowedMethods(route.methods);
  if (allow.includes(method.toUpperCase())) return null;
  return Response.json(
    { error: "method_not_allowed", message: `${method} is not supported on ${pathname}; allowed: ${allow.join(", ")}` },
    { status: 405, headers: { Allow: allow.join(", "), "Cache-Control": "no-store" } },
  );
}
