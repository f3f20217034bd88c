import { apiHandler } from "@/lib/api/handler";
import { json, noContent } from "@/lib/api/json";
import { getAggregate } from "@/lib/data/aggregates";
import { deleteAggregate } from "@/lib/services/aggregates";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = apiHandler<P>(async (_request, { actor, params }) => json(await getAggregate(actor, params.id)));

export const DELETE = apiHandler<P>(async (_request, { actor, params }) => {
  await deleteAggregate(actor, params.id);
  return noContent();
});
