"use client";

// Completing a renumbering: a modal <dialog> that first asks for a normal completion, which the server
// refuses (409) while mobile nodes have not migrated — the refusal is shown as it came. Leaving them
// behind is an explicit, separate choice (a checkbox: force), offered when the page knows of MNs left or
// after a refusal. On success the page re-renders with the renumbering completed and its left-behind list.
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/page-header";
import { useDialogAction } from "@/components/ui/use-dialog-action";
import type { ActionState } from "@/app/(console)/action-state";

type Props = {
  action: (prev: ActionState<{ leftBehind: number }>, form: FormData) => Promise<ActionState<{ leftBehind: number }>>;
  id: string;
  oldPrefix: string;
  counts: { pending: number; dormant: number };
};

export function CompleteForm({ action, id, oldPrefix, counts }: Props) {
  const { state, formAction, pending, dialog } = useDialogAction(action);
  const left = counts.pending + counts.dormant;
  const refused = state !== null && !state.ok;

  return (
    <>
      <Button type="button" variant="danger" onClick={() => dialog.current?.showModal()} data-testid="complete-open">
        Complete…
      </Button>
      <dialog ref={dialog} aria-labelledby="complete-title" className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40" data-testid="complete">
        <form action={formAction} className="space-y-4 p-5">
          <h2 id="complete-title" className="text-base font-semibold text-slate-900">Complete this renumbering?</h2>
          <p className="text-sm text-slate-700">
            {oldPrefix} will be retired.{" "}
            {left > 0
              ? `${left.toLocaleString("en-US")} mobile node${left === 1 ? " has" : "s have"} not migrated yet (${counts.pending.toLocaleString("en-US")} pending, ${counts.dormant.toLocaleString("en-US")} dormant).`
              : "Every mobile node has migrated."}
          </p>
          <FormMessage message={refused ? state.message : null} />
          <input type="hidden" name="id" value={id} />
          {left > 0 || refused ? (
            <label className="flex items-start gap-2 text-sm text-slate-800">
              <input type="checkbox" name="force" value="true" className="mt-0.5" />
              <span>
                Leave the mobile nodes that have not migrated behind. They keep their old address and their re-bootstrap flag, and move
                when they wake up; the dormant list can be exported to contact them by other means.
              </span>
            </label>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>Cancel</Button>
            <Button type="submit" variant="danger" disabled={pending}>{pending ? "Working…" : "Complete"}</Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
