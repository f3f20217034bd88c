import { apiHandler } from "@/lib/api/handler";
import { json, noContent } from "@/lib/api/json";
import { getApiToken, revokeApiToken } from "@/lib/auth/api-token";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = apiHandler<P>(async (_request, { actor, params }) => json(await getApiToken(actor, params.id)));

/** Revoke: the token stops working at once. Revoking twice is harmless. */
export const DELETE = apiHandler<P>(async (_request, { actor, params }) => {
  await revokeApiToken(actor, params.id);
  return noContent();
});
