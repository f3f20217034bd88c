import { apiHandler } from "@/lib/api/handler";
import { getRenumbering } from "@/lib/data/renumberings";
import { dormantCsv } from "@/lib/services/renumbering-export";
import { csvAttachment } from "@/lib/api/csv";

export const dynamic = "force-dynamic";

type P = { id: string };

/** text/csv of the dormant MNs (for contact by other means), streamed in batches. */
export const GET = apiHandler<P>(async (_request, { actor, params }) => {
  const r = await getRenumbering(actor, params.id);
  return csvAttachment(dormantCsv(actor, r.id), `renumbering-${r.id}-dormant.csv`);
});
