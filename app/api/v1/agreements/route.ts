import { apiHandler } from "@/lib/api/handler";
import { json, queryOf, readJson } from "@/lib/api/json";
import { listAgreements } from "@/lib/data/agreements";
import { createAgreement } from "@/lib/services/agreements";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async (request, { actor }) => json(await listAgreements(actor, queryOf(request))));

export const POST = apiHandler(async (request, { actor }) => json(await createAgreement(actor, await readJson(request)), 201));
