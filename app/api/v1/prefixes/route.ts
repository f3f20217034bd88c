import { apiHandler } from "@/lib/api/handler";
import { created, json, queryOf, readJson } from "@/lib/api/json";
import { listPrefixes } from "@/lib/data/prefixes";
import { createPrefix } from "@/lib/services/prefixes";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async (request, { actor }) => json(await listPrefixes(actor, queryOf(request))));

export const POST = apiHandler(async (request, { actor }) => created(await createPrefix(actor, await readJson(request)), "/api/v1/prefixes"));
