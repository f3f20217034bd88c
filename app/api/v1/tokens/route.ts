import { apiHandler } from "@/lib/api/handler";
import { created, json, queryOf, readJson } from "@/lib/api/json";
import { createApiToken, getApiToken, listApiTokens } from "@/lib/auth/api-token";
import { ValidationError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** The caller's tokens (an admin may pass ?userId=). Never the token itself, only its first characters. */
export const GET = apiHandler(async (request, { actor }) => {
  const { userId } = queryOf(request);
  return json({ items: await listApiTokens(actor, userId || actor.userId), nextCursor: null });
});

/** Create a token for the caller (an admin may name another `userId`); 201 with `token`, shown this once. */
export const POST = apiHandler(async (request, { actor }) => {
  const body = await readJson(request);
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new ValidationError({ _: "expected a JSON object" });
  const input = body as { userId?: string; name?: string; expiresAt?: string | null };
  const { token, id } = await createApiToken(actor, { userId: input.userId ?? actor.userId, name: input.name ?? "", expiresAt: input.expiresAt ?? null });
  return created(await getApiToken(actor, id), "/api/v1/tokens", { token });
});
