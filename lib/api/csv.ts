// CSV downloads: the one answer shape of every export (API and console links), and the audit CSV shared
// by GET /api/v1/audit?format=csv, /api/v1/audit/export.csv and the console's download.
import type { Actor } from "@/lib/auth/actor";
import { checkAuditQuery, exportAuditCsv } from "@/lib/data/audit";

/** A CSV file download, never cached (exports hold subscriber data; the secrets one is one-time). */
export function csvAttachment(body: BodyInit, filename: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

export function csvResponse(actor: Actor, query: Record<string, string>): Response {
  checkAuditQuery(query); // a bad filter is a 422 before any CSV is streamed
  return csvAttachment(exportAuditCsv(actor, query), "audit.csv");
}
