import { apiHandler } from "@/lib/api/handler";
import { json } from "@/lib/api/json";
import { getRenumbering } from "@/lib/data/renumberings";

export const dynamic = "force-dynamic";

type P = { id: string };

export const GET = apiHandler<P>(async (_request, { actor, params }) => json(await getRenumbering(actor, params.id)));
