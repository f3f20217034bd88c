import { apiHandler } from "@/lib/api/handler";
import { created, json, queryOf, readJson } from "@/lib/api/json";
import { listAggregates } from "@/lib/data/aggregates";
import { createAggregate } from "@/lib/services/aggregates";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async (request, { actor }) => json(await listAggregates(actor, queryOf(request))));

export const POST = apiHandler(async (request, { actor }) => created(await createAggregate(actor, await readJson(request)), "/api/v1/aggregates"));
