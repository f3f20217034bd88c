"use client";

// Reset a user's password behind a confirmation dialog; the generated password is shown once.
import { useActionState, useRef } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormMessage } from "@/components/ui/page-header";
import type { ResetPasswordState } from "@/app/(console)/users/actions";

type Props = { action: (prev: ResetPasswordState, form: FormData) => Promise<ResetPasswordState>; userId: string; email: string };

export function ResetPassword({ action, userId, email }: Props) {
  const [state, formAction, pending] = useActionState<ResetPasswordState, FormData>(action, null);
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <Button type="button" variant="secondary" onClick={() => dialog.current?.showModal()} data-testid="reset-password-open">Reset password</Button>
      <dialog ref={dialog} aria-labelledby="reset-title" className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40" data-testid="reset-password">
        <div className="space-y-4 p-5">
          <h2 id="reset-title" className="text-base font-semibold text-slate-900">Reset the password of {email}?</h2>
          {state?.ok ? (
            <div className="space-y-2">
              <p className="text-sm text-slate-700">New initial password, shown only now. The user must change it at next sign-in:</p>
              <code className="block break-all rounded bg-slate-100 px-2 py-1 font-mono text-sm" data-testid="reset-password-value">{state.password}</code>
              <CopyButton text={state.password} />
              <div className="flex justify-end"><Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>Done</Button></div>
            </div>
          ) : (
            <form action={formAction} className="space-y-4">
              <p className="text-sm text-slate-700">The current password and all of this user&rsquo;s API tokens stop working at once, and any sign-in lock is lifted.</p>
              <FormMessage message={state && !state.ok ? state.message : null} />
              <input type="hidden" name="id" value={userId} />
              <div className="flex justify-end gap-2">
                <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>Cancel</Button>
                <Button type="submit" variant="danger" disabled={pending}>{pending ? "Working…" : "Reset password"}</Button>
              </div>
            </form>
          )}
        </div>
      </dialog>
    </>
  );
}
