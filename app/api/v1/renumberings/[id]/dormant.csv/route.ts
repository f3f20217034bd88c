import { apiHandler } from "@/lib/api/handler";
import { getRenumbering } from "@/lib/data/renumberings";
import { dormantCsv } from "@/lib/services/renumbering-export";

export const dynamic = "force-dynamic";

type P = { id: string };

/** text/csv of the dormant MNs (for contact by other means), streamed in batches. */
export const GET = apiHandler<P>(async (_request, { actor, params }) => {
  const r = await getRenumbering(actor, params.id);
  return new Response(dormantCsv(actor, r.id), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="renumbering-${r.id}-dormant.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
