import { apiHandler } from "@/lib/api/handler";
import { created, json, queryOf, readJson } from "@/lib/api/json";
import { listProviders } from "@/lib/data/providers";
import { createProvider } from "@/lib/services/providers";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async (request, { actor }) => json(await listProviders(actor, queryOf(request))));

export const POST = apiHandler(async (request, { actor }) => created(await createProvider(actor, await readJson(request)), "/api/v1/providers"));
