import { apiHandler } from "@/lib/api/handler";
import { json } from "@/lib/api/json";
import { rotateSecret } from "@/lib/services/subscribers";

export const dynamic = "force-dynamic";

/** 200 { secret }: the new root secret, shown this once; the old one stops working. */
export const POST = apiHandler<{ id: string }>(async (_request, { actor, params }) => json(await rotateSecret(actor, params.id)));
