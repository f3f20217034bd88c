import { apiHandler } from "@/lib/api/handler";
import { created, readJson } from "@/lib/api/json";
import { allocateNextSlash64 } from "@/lib/services/aggregates";

export const dynamic = "force-dynamic";

type P = { id: string };

/** POST { homeAgentId } → 201 with the new /64 home link prefix; 409 `aggregate_full` when none is left. */
export const POST = apiHandler<P>(async (request, { actor, params }) =>
  created(await allocateNextSlash64(actor, params.id, await readJson(request)), "/api/v1/prefixes"),
);
