// The audit CSV answer shared by GET /api/v1/audit?format=csv and /api/v1/audit/export.csv.
import type { Actor } from "@/lib/auth/actor";
import { checkAuditQuery, exportAuditCsv } from "@/lib/data/audit";

export function csvResponse(actor: Actor, query: Record<string, string>): Response {
  checkAuditQuery(query); // a bad filter is a 422 before any CSV is streamed
  return new Response(exportAuditCsv(actor, query), {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="audit.csv"',
      "Cache-Control": "no-store",
    },
  });
}
