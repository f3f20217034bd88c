import { apiHandler } from "@/lib/api/handler";
import { created, json, queryOf, readJson } from "@/lib/api/json";
import { listHomeAgents } from "@/lib/data/home-agents";
import { createHomeAgent } from "@/lib/services/home-agents";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async (request, { actor }) => json(await listHomeAgents(actor, queryOf(request))));

export const POST = apiHandler(async (request, { actor }) => created(await createHomeAgent(actor, await readJson(request)), "/api/v1/home-agents"));
