import { apiHandler } from "@/lib/api/handler";
import { json, queryOf } from "@/lib/api/json";
import { csvResponse } from "@/lib/api/csv";
import { listAudit } from "@/lib/data/audit";

export const dynamic = "force-dynamic";

/** The audit trail, newest first (operators: their own entries). `?format=csv` exports the filtered trail. */
export const GET = apiHandler(async (request, { actor }) => {
  const query = queryOf(request);
  if (query.format === "csv") return csvResponse(actor, query);
  return json(await listAudit(actor, query));
});
