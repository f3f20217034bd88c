import type { Metadata } from "next";
import { PlanForm } from "@/components/renumberings/plan-form";
import { one, type SearchParams } from "@/components/ui/format";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { listPrefixes } from "@/lib/data/prefixes";
import { planRenumberingAction } from "../actions";

export const metadata: Metadata = { title: "New renumbering" };

export default async function NewRenumberingPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageUser(["admin", "operator"]);
  const prefixes = await listPrefixes(actor, { state: "active", limit: 500 });
  return (
    <div className="max-w-xl">
      <PageHeader title="New renumbering" description="Planning changes nothing for the mobile nodes yet: it builds a preview of every affected subscriber's new home address." />
      <Card>
        <PlanForm
          action={planRenumberingAction}
          defaultPrefixId={one((await searchParams).prefixId)}
          prefixes={prefixes.items.map((p) => ({ id: p.id, label: `${p.prefix} (${p.assigned.toLocaleString("en-US")} assigned)` }))}
        />
      </Card>
    </div>
  );
}
