// The one wrapper every /api/v1 route goes through: request id → bearer auth → role gate for writes →
// the route's function → typed errors mapped to spec/api-v1.md bodies. Routes stay thin.
import crypto from "node:crypto";
import type { UserActor } from "@/lib/auth/actor";
import { canWrite } from "@/lib/auth/actor";
import { authenticateBearer } from "@/lib/auth/api-token";
import { ForbiddenError } from "@/lib/errors";
import { UnauthorizedError, toErrorResponse } from "./errors";

type Params = Record<string, string | string[]>;
export type RouteContext<P extends Params = Params> = { params: Promise<P> };
export type ApiContext<P extends Params = Params> = { actor: UserActor; params: P; requestId: string };

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function apiHandler<P extends Params = Params>(
  fn: (request: Request, ctx: ApiContext<P>) => Promise<Response>,
): (request: Request, ctx: RouteContext<P>) => Promise<Response> {
  return async (request, ctx) => {
    const requestId = crypto.randomUUID();
    try {
      const user = await authenticateBearer(request);
      if (!user) throw new UnauthorizedError();
      // Auditors are read-only: refuse a write before reading its body.
      if (!READ_METHODS.has(request.method) && !canWrite(user)) throw new ForbiddenError("read-only role: this action changes data");
      const params = ((await ctx?.params) ?? {}) as P;
      const response = await fn(request, { actor: { ...user, requestId }, params, requestId });
      response.headers.set("X-Request-Id", requestId);
      return response;
    } catch (e) {
      const res = toErrorResponse(e, requestId);
      if (res.status >= 500) {
        // Log the error and where it happened, never the body (it may hold secrets or personal data).
        console.error(`[api] ${request.method} ${new URL(request.url).pathname} request ${requestId} failed:`, e);
      }
      return res;
    }
  };
}

/** A route param as one string (Next gives string[] only for catch-all segments). */
export function param(params: Params, name: string): string {
  const v = params[name];
  return Array.isArray(v) ? v.join("/") : (v ?? "");
}
