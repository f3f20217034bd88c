"use client";

// The lifecycle buttons of one agreement: activate (draft), suspend (active), resume (suspended),
// terminate (any but terminated, after a confirmation: terminated is final), delete (draft or terminated).
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmForm } from "@/components/providers/confirm-form";
import type { AgreementStatusState, DeleteAgreementState } from "@/app/(console)/agreements/actions";

type Props = {
  id: string;
  status: string;
  label: string;
  setStatus: (prev: AgreementStatusState, form: FormData) => Promise<AgreementStatusState>;
  remove: (prev: DeleteAgreementState, form: FormData) => Promise<DeleteAgreementState>;
  /** on the agreement's own page: go back to the list after a delete */
  backToList?: boolean;
};

const NEXT: Record<string, { status: string; label: string }[]> = {
  draft: [{ status: "active", label: "Activate" }],
  active: [{ status: "suspended", label: "Suspend" }],
  suspended: [{ status: "active", label: "Resume" }],
  terminated: [],
};

function StatusButton({ id, status, label, action }: { id: string; status: string; label: string; action: Props["setStatus"] }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="inline-flex flex-col">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="status" value={status} />
      <Button type="submit" variant="secondary" disabled={pending} className="px-2.5 py-1 text-xs">{pending ? "…" : label}</Button>
      <span aria-live="polite" className="max-w-56 text-xs text-red-700">{state && !state.ok ? state.message : ""}</span>
    </form>
  );
}

export function AgreementStatusActions({ id, status, label, setStatus, remove, backToList = false }: Props) {
  return (
    <div className="flex flex-wrap items-start gap-2" data-testid="agreement-actions">
      {(NEXT[status] ?? []).map((n) => <StatusButton key={n.status} id={id} status={n.status} label={n.label} action={setStatus} />)}
      {status !== "terminated" ? (
        <ConfirmForm action={setStatus} fields={{ id, status: "terminated" }} trigger="Terminate" title={`Terminate the ${label}?`} confirmLabel="Terminate" testId={`terminate-${id}`} compact>
          Terminated is final: the agreement stops being in force at once and can never be resumed. A new agreement
          between the same providers can be made afterwards.
        </ConfirmForm>
      ) : null}
      {status === "draft" || status === "terminated" ? (
        <ConfirmForm action={remove} fields={backToList ? { id, then: "list" } : { id }} trigger="Delete" title={`Delete the ${label}?`} confirmLabel="Delete" testId={`delete-${id}`} compact>
          The agreement is removed from the record. Only draft and terminated agreements can be deleted.
        </ConfirmForm>
      ) : null}
    </div>
  );
}
