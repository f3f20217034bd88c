import { apiHandler } from "@/lib/api/handler";
import { json, queryOf } from "@/lib/api/json";
import { listLeases } from "@/lib/data/leases";

export const dynamic = "force-dynamic";

/** Filters: subscriberId, prefixId, homeAgentId; q = an address (any spelling), a prefix, or the start of an NAI. */
export const GET = apiHandler(async (request, { actor }) => json(await listLeases(actor, queryOf(request))));
