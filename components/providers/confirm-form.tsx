"use client";

// A button that asks for confirmation in a modal <dialog> (focus moves in, Esc closes) before it
// submits a server action; the action's refusal (e.g. the 409 naming what still references a provider)
// is shown in the dialog. Used for deleting providers and agreements and for terminating agreements.
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/page-header";
import { useDialogAction } from "@/components/ui/use-dialog-action";
import type { ActionState } from "@/app/(console)/action-state";

type Props<T extends object> = {
  action: (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
  fields: Record<string, string>;
  trigger: string;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  testId?: string;
  /** a small trigger, for table rows */
  compact?: boolean;
};

export function ConfirmForm<T extends object>({ action, fields, trigger, title, children, confirmLabel, testId, compact = false }: Props<T>) {
  // A success that stays on this page (a redirect, if any, is the server action's) closes the dialog.
  const { state, formAction, pending, dialog } = useDialogAction<ActionState<T>>(action);
  const titleId = `${testId ?? "confirm"}-title`;

  return (
    <>
      <Button
        type="button" variant="danger" onClick={() => dialog.current?.showModal()} data-testid={testId ? `${testId}-open` : undefined}
        className={compact ? "px-2.5 py-1 text-xs" : ""}
      >
        {trigger}
      </Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40" data-testid={testId}>
        <form action={formAction} className="space-y-4 p-5">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">{title}</h2>
          <div className="text-sm text-slate-700">{children}</div>
          <FormMessage message={state && !state.ok ? state.message : null} />
          {Object.entries(fields).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>Cancel</Button>
            <Button type="submit" variant="danger" disabled={pending}>{pending ? "Working…" : confirmLabel}</Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
