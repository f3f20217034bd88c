import { apiHandler } from "@/lib/api/handler";
import { json, noContent } from "@/lib/api/json";
import { getLease } from "@/lib/data/leases";
import { releaseLease } from "@/lib/services/leases";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = apiHandler<P>(async (_request, { actor, params }) => json(await getLease(actor, params.id)));

/** Releases the home address; the subscriber is flagged to re-bootstrap. */
export const DELETE = apiHandler<P>(async (_request, { actor, params }) => {
  await releaseLease(actor, params.id);
  return noContent();
});
