"use client";

// "Request re-bootstrap" for the rows checked in the subscriber table. The checkboxes live in the table
// and join this dialog's form through their `form` attribute, so the page stays a server component.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/page-header";
import { useDialogAction } from "@/components/ui/use-dialog-action";
import type { BulkRebootstrapState } from "@/app/(console)/rebootstrap/actions";

export const BULK_FORM_ID = "bulk-rebootstrap";

function checkedBoxes(): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${BULK_FORM_ID}"][name="subscriberIds"]`)].filter((b) => b.checked);
}

export function BulkRebootstrap({ action }: { action: (prev: BulkRebootstrapState, form: FormData) => Promise<BulkRebootstrapState> }) {
  const { state, formAction, pending, dialog } = useDialogAction(action, () => {
    for (const b of checkedBoxes()) b.checked = false;
  });
  const [count, setCount] = useState(0);

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        type="button" variant="secondary" data-testid="bulk-rebootstrap-open"
        onClick={() => {
          setCount(checkedBoxes().length);
          dialog.current?.showModal();
        }}
      >
        Request re-bootstrap
      </Button>
      {state?.ok ? (
        <span role="status" className="text-sm text-green-800" data-testid="bulk-rebootstrap-result">
          Flagged {state.flagged} subscriber{state.flagged === 1 ? "" : "s"} for re-bootstrap
          {state.skipped ? ` (${state.skipped} not visible to you, skipped)` : ""}.
        </span>
      ) : null}
      <dialog ref={dialog} aria-labelledby="bulk-rebootstrap-title" className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40" data-testid="bulk-rebootstrap">
        <form id={BULK_FORM_ID} action={formAction} className="space-y-4 p-5">
          <h2 id="bulk-rebootstrap-title" className="text-base font-semibold text-slate-900">Request re-bootstrap</h2>
          <p className="text-sm text-slate-700">
            {count === 0
              ? "Select subscribers in the table first."
              : `Flag ${count} selected subscriber${count === 1 ? "" : "s"} (reason admin)? Each MN learns it from its next status call and bootstraps again; its next successful bootstrap clears the flag.`}
          </p>
          <FormMessage message={state && !state.ok ? state.message : null} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>Cancel</Button>
            <Button type="submit" disabled={pending || count === 0}>{pending ? "Working…" : "Request re-bootstrap"}</Button>
          </div>
        </form>
      </dialog>
    </div>
  );
}

/** The header checkbox: checks or clears every row on this page. */
export function SelectAllRows() {
  return (
    <input
      type="checkbox" aria-label="Select every subscriber on this page" data-testid="select-all-subscribers"
      className="h-4 w-4"
      onChange={(e) => {
        for (const b of document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${BULK_FORM_ID}"][name="subscriberIds"]`)) b.checked = e.currentTarget.checked;
      }}
    />
  );
}
