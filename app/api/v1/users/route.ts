import { apiHandler } from "@/lib/api/handler";
import { created, json, queryOf, readJson } from "@/lib/api/json";
import { listUsers } from "@/lib/data/users";
import { inviteUser } from "@/lib/services/user-admin";

export const dynamic = "force-dynamic";

/** Accounts, newest first (admin and auditor). Filters: q (email or name prefix), role, disabled. */
export const GET = apiHandler(async (request, { actor }) => json(await listUsers(actor, queryOf(request))));

/** Create a user (admin). 201; `password` appears only when the console generated it, this once. */
export const POST = apiHandler(async (request, { actor }) => {
  const { user, password } = await inviteUser(actor, await readJson(request));
  return created(user, "/api/v1/users", password ? { password } : {});
});
