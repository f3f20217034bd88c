import { apiHandler } from "@/lib/api/handler";
import { json } from "@/lib/api/json";
import { requestRebootstrap } from "@/lib/services/subscribers";
import { clearRebootstrapFlag } from "@/lib/services/rebootstrap";

export const dynamic = "force-dynamic";

/** Flags the MN (reason `admin`); returns the subscriber. */
export const POST = apiHandler<{ id: string }>(async (_request, { actor, params }) => json(await requestRebootstrap(actor, params.id)));

/** Withdraws the flag, whatever its reason; returns the subscriber. */
export const DELETE = apiHandler<{ id: string }>(async (_request, { actor, params }) => json(await clearRebootstrapFlag(actor, params.id)));
