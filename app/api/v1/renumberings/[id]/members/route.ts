import { apiHandler } from "@/lib/api/handler";
import { json, queryOf } from "@/lib/api/json";
import { listRenumberingMembers } from "@/lib/data/renumberings";

export const dynamic = "force-dynamic";

type P = { id: string };

/** The preview / progress: each affected subscriber's old and new HoA; filters `state`, `q` (address or NAI). */
export const GET = apiHandler<P>(async (request, { actor, params }) => json(await listRenumberingMembers(actor, params.id, queryOf(request))));
