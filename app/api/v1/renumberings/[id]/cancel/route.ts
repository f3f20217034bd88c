import { apiHandler } from "@/lib/api/handler";
import { json } from "@/lib/api/json";
import { cancelRenumbering } from "@/lib/services/renumbering";

export const dynamic = "force-dynamic";

type P = { id: string };

/** Cancels a planned renumbering (409 once announced or while its job runs). */
export const POST = apiHandler<P>(async (_request, { actor, params }) => json(await cancelRenumbering(actor, params.id)));
