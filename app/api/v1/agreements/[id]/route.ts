import { apiHandler } from "@/lib/api/handler";
import { json, noContent, readJson } from "@/lib/api/json";
import { getAgreement } from "@/lib/data/agreements";
import { deleteAgreement, updateAgreement } from "@/lib/services/agreements";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = apiHandler<P>(async (_request, { actor, params }) => json(await getAgreement(actor, params.id)));

export const PATCH = apiHandler<P>(async (request, { actor, params }) => json(await updateAgreement(actor, params.id, await readJson(request))));

export const DELETE = apiHandler<P>(async (_request, { actor, params }) => {
  await deleteAgreement(actor, params.id);
  return noContent();
});
