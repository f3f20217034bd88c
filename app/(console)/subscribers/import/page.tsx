import type { Metadata } from "next";
import Link from "next/link";
import { ImportPanel } from "@/components/subscribers/import-panel";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { canWrite } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { importProgressAction, startImportAction } from "./actions";

export const metadata: Metadata = { title: "Import subscribers" };

export default async function ImportSubscribersPage({ searchParams }: { searchParams: Promise<{ job?: string }> }) {
  const actor = await requireUser();
  if (!canWrite(actor)) {
    return (
      <EmptyState title="Not allowed">
        Your role ({actor.role}) is read-only. <Link href="/subscribers" className="font-medium text-brand-600 hover:underline">Back to subscribers</Link>
      </EmptyState>
    );
  }
  const { job } = await searchParams;
  const initial = typeof job === "string" && job ? await importProgressAction(job) : null;
  return (
    <div className="max-w-4xl">
      <PageHeader
        title="Import subscribers (CSV)"
        description="Each row is checked like the New subscriber form; bad rows are listed with their line and do not stop the others. Rows without a secret column get a generated root secret, downloadable once."
        actions={<Link href="/subscribers" className="text-sm font-medium text-brand-600 hover:underline">All subscribers</Link>}
      />
      <ImportPanel start={startImportAction} poll={importProgressAction} initial={initial} />
    </div>
  );
}
