import type { Metadata } from "next";
import Link from "next/link";
import { ProviderForm } from "@/components/providers/provider-form";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { one, type SearchParams } from "@/components/ui/format";
import { Badge, Card, EmptyState, FormMessage, PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/session";
import { listProviders } from "@/lib/data/providers";
import { PROVIDER_ROLES } from "@/lib/domain/schemas/provider";
import { isAppError } from "@/lib/errors";
import { createProviderAction } from "../actions";

export const metadata: Metadata = { title: "Providers" };

export default async function ProvidersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireUser();
  const sp = await searchParams;
  const params = { q: one(sp.q), role: one(sp.role), cursor: one(sp.cursor) };
  let page: Awaited<ReturnType<typeof listProviders>> | null = null;
  let problem: string | null = null;
  try {
    page = await listProviders(actor, { ...params, limit: 50 });
  } catch (e) {
    if (!isAppError(e) || e.status !== 422) throw e;
    problem = Object.values(e.fields ?? {}).join(" ") || "The search is not valid.";
  }
  // Providers define who may provision what: only admins change them (lib/services/providers.ts).
  const admin = actor.role === "admin";

  return (
    <div>
      <PageHeader title="Providers" description="Operators, the DNS realms they serve and the roles they play (ASP, ASA, MSP, MSA)." />
      <div className={`grid gap-6 ${admin ? "lg:grid-cols-[minmax(0,1fr)_24rem]" : ""}`}>
        <div>
          <form method="get" role="search" aria-label="Search providers" className="mb-4 flex flex-wrap items-end gap-2">
            <div className="w-full max-w-xs">
              <label htmlFor="q" className="block text-sm font-medium text-slate-800">Name or realm starts with</label>
              <input id="q" name="q" type="search" defaultValue={params.q ?? ""} placeholder="Cellular or mip.example" className={inputClass} spellCheck={false} />
            </div>
            <div>
              <label htmlFor="role" className="block text-sm font-medium text-slate-800">Role</label>
              <select id="role" name="role" defaultValue={params.role ?? ""} className={inputClass}>
                <option value="">Any</option>
                {PROVIDER_ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
              </select>
            </div>
            <button type="submit" className={buttonClass("primary")}>Search</button>
            {params.q || params.role ? <Link href="/providers" className={buttonClass("secondary")}>Clear</Link> : null}
          </form>
          {problem ? <FormMessage message={problem} /> : null}
          {page && page.items.length ? (
            <>
              <Table caption="Providers, newest first" testId="providers-table" head={["Name", "Roles", "Realms"]}>
                {page.items.map((p) => (
                  <tr key={p.id} className="hover:bg-slate-50">
                    <Td>
                      <Link href={`/providers/${p.id}`} className="font-medium text-brand-600 hover:underline">{p.name}</Link>
                    </Td>
                    <Td>
                      <span className="flex flex-wrap gap-1">{p.roles.map((r) => <Badge key={r} tone="blue">{r}</Badge>)}</span>
                    </Td>
                    <Td mono>{p.realms.length ? p.realms.join(", ") : "—"}</Td>
                  </tr>
                ))}
              </Table>
              <Pagination basePath="/providers" params={{ q: params.q, role: params.role }} nextCursor={page.nextCursor} hasCursor={!!params.cursor} />
            </>
          ) : page ? (
            <EmptyState title={params.q || params.role ? "No provider matches" : "No providers yet"}>
              {params.q || params.role ? "Try another search." : admin ? "Add the first one with the form." : "Providers appear here once an admin adds them."}
            </EmptyState>
          ) : null}
        </div>
        {admin ? (
          <Card title="New provider">
            <ProviderForm action={createProviderAction} submitLabel="Create provider" />
          </Card>
        ) : null}
      </div>
    </div>
  );
}
