"use client";

// A server action run from a modal <dialog>: the form state, and on success the dialog closes and the
// page re-renders from the server (router.refresh). `onSuccess` runs first (e.g. to clear a selection).
import { useActionState, useEffect, useRef } from "react";
import { useRouter } from "next/navigation";

type OkState = { ok: boolean } | null;

export function useDialogAction<S extends OkState>(action: (prev: S, form: FormData) => Promise<S>, onSuccess?: () => void) {
  const [state, formAction, pending] = useActionState<S, FormData>(action, null as Awaited<S>);
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const onSuccessRef = useRef(onSuccess);
  useEffect(() => {
    onSuccessRef.current = onSuccess;
  });
  useEffect(() => {
    if (!state?.ok) return;
    dialog.current?.close();
    onSuccessRef.current?.();
    router.refresh();
  }, [state, router]);
  return { state, formAction, pending, dialog };
}
