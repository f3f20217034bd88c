import { apiHandler } from "@/lib/api/handler";
import { json } from "@/lib/api/json";
import { listRenumberingEvents } from "@/lib/data/renumberings";

export const dynamic = "force-dynamic";

type P = { id: string };

/** Snapshots of { pending, migrated, dormant } over time (the progress chart). */
export const GET = apiHandler<P>(async (_request, { actor, params }) => json({ items: await listRenumberingEvents(actor, params.id) }));
