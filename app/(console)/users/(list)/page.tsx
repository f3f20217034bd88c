import type { Metadata } from "next";
import Link from "next/link";
import { UserForm } from "@/components/users/user-form";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { formatTime, one, type SearchParams } from "@/components/ui/format";
import { Badge, Card, EmptyState, FormMessage, PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/session";
import { listProviders } from "@/lib/data/providers";
import { listUsers } from "@/lib/data/users";
import { USER_ROLES } from "@/lib/domain/schemas/user";
import { isAppError } from "@/lib/errors";
import { createUserAction } from "../actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageUser(["admin", "auditor"]);
  const sp = await searchParams;
  const params = { q: one(sp.q), role: one(sp.role), cursor: one(sp.cursor) };
  let page: Awaited<ReturnType<typeof listUsers>> | null = null;
  let problem: string | null = null;
  try {
    page = await listUsers(actor, { ...params, limit: 50 });
  } catch (e) {
    if (!isAppError(e) || e.status !== 422) throw e;
    problem = Object.values(e.fields ?? {}).join(" ") || "The search is not valid.";
  }
  const providers = (await listProviders(actor, { limit: 500 })).items.map((p) => ({ id: p.id, name: p.name }));
  const providerName = new Map(providers.map((p) => [p.id, p.name]));
  const admin = actor.role === "admin";

  return (
    <div>
      <PageHeader title="Users" description="Console accounts, their roles and the providers an operator may act on." />
      <div className={`grid gap-6 ${admin ? "lg:grid-cols-[minmax(0,1fr)_24rem]" : ""}`}>
        <div>
          <form method="get" role="search" aria-label="Search users" className="mb-4 flex flex-wrap items-end gap-2">
            <div className="w-full max-w-xs">
              <label htmlFor="q" className="block text-sm font-medium text-slate-800">Email or name starts with</label>
              <input id="q" name="q" type="search" defaultValue={params.q ?? ""} className={inputClass} spellCheck={false} />
            </div>
            <div>
              <label htmlFor="role" className="block text-sm font-medium text-slate-800">Role</label>
              <select id="role" name="role" defaultValue={params.role ?? ""} className={inputClass}>
                <option value="">Any</option>
                {USER_ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
              </select>
            </div>
            <button type="submit" className={buttonClass("primary")}>Search</button>
            {params.q || params.role ? <Link href="/users" className={buttonClass("secondary")}>Clear</Link> : null}
          </form>
          {problem ? <FormMessage message={problem} /> : null}
          {page && page.items.length ? (
            <>
              <Table caption="Users, newest first" testId="users-table" head={["Email", "Role", "Scope", "Status", "Created"]}>
                {page.items.map((u) => (
                  <tr key={u.id} className="hover:bg-slate-50">
                    <Td><Link href={`/users/${u.id}`} className="font-medium text-brand-600 hover:underline">{u.email}</Link></Td>
                    <Td><Badge tone={u.role === "admin" ? "amber" : u.role === "operator" ? "blue" : "slate"}>{u.role}</Badge></Td>
                    <Td>{u.role === "operator" ? u.providerIds.map((id) => providerName.get(id) ?? id).join(", ") : "all providers"}</Td>
                    <Td>
                      <span className="flex flex-wrap gap-1">
                        {u.disabled ? <Badge tone="red">disabled</Badge> : <Badge tone="green">enabled</Badge>}
                        {u.mustChangePassword ? <Badge tone="amber">must change password</Badge> : null}
                        {u.lockedUntil && new Date(u.lockedUntil) > new Date() ? <Badge tone="red">locked</Badge> : null}
                      </span>
                    </Td>
                    <Td>{formatTime(u.createdAt)}</Td>
                  </tr>
                ))}
              </Table>
              <Pagination basePath="/users" params={{ q: params.q, role: params.role }} nextCursor={page.nextCursor} hasCursor={!!params.cursor} />
            </>
          ) : page ? <EmptyState title="No user matches">Try another search.</EmptyState> : null}
        </div>
        {admin ? (
          <Card title="New user">
            <UserForm action={createUserAction} providers={providers} submitLabel="Create user" />
          </Card>
        ) : null}
      </div>
    </div>
  );
}
