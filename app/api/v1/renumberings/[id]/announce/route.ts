import { apiHandler } from "@/lib/api/handler";
import { json } from "@/lib/api/json";
import { announceRenumbering } from "@/lib/services/renumbering";

export const dynamic = "force-dynamic";

type P = { id: string };

/** Flags every affected MN (reason `renumbering`); 202 while the job runs, 200 once announced. */
export const POST = apiHandler<P>(async (_request, { actor, params }) => {
  const r = await announceRenumbering(actor, params.id);
  return json(r, r.state === "announced" ? 200 : 202);
});
