import { apiHandler } from "@/lib/api/handler";
import { created, json, queryOf, readJson } from "@/lib/api/json";
import { listRenumberings } from "@/lib/data/renumberings";
import { planRenumbering } from "@/lib/services/renumbering";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async (request, { actor }) => json(await listRenumberings(actor, queryOf(request))));

/** POST { prefixId, newPrefix, dormantAfterSeconds? } → 201, state `planned`; `job` tracks the preview being built. */
export const POST = apiHandler(async (request, { actor }) => created(await planRenumbering(actor, await readJson(request)), "/api/v1/renumberings"));
