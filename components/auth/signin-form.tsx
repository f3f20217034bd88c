"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Field, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/page-header";

// One message for every failure (unknown email, wrong password, disabled, locked): it must not tell an
// attacker which emails exist.
const GENERIC_FAILURE = "Invalid email or password. After several failed attempts sign-in pauses for a few minutes.";

export function SignInForm({ callbackUrl, failed = false }: { callbackUrl: string; failed?: boolean }) {
  const [error, setError] = useState<string | null>(failed ? GENERIC_FAILURE : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        totp: String(form.get("totp") ?? ""),
        redirect: false,
      });
      if (!res || res.error || !res.ok) {
        setError(GENERIC_FAILURE);
        setPending(false);
        return;
      }
      // A full navigation so every server component renders with the new session cookie.
      window.location.assign(callbackUrl);
    } catch {
      setError("Sign-in is unavailable right now. Try again in a moment.");
      setPending(false);
    }
  }

  return (
    // method/action matter only before hydration: a native submit then POSTs (never a GET that would put
    // the password in the URL) to next-auth, which bounces it back here without signing in.
    <form method="post" action="/api/auth/callback/credentials" onSubmit={onSubmit} className="space-y-4" noValidate aria-describedby="signin-error">
      <Field id="email" label="Email">
        {(aria) => <input {...aria} name="email" type="email" autoComplete="username" required autoFocus className={inputClass} />}
      </Field>
      <Field id="password" label="Password">
        {(aria) => <input {...aria} name="password" type="password" autoComplete="current-password" required className={inputClass} />}
      </Field>
      {/* Always shown, so the form does not reveal which accounts have a second factor. */}
      <Field id="totp" label="Authentication code (only if you enrolled a second factor)">
        {(aria) => <input {...aria} name="totp" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]*" maxLength={8} className={inputClass} />}
      </Field>
      <div id="signin-error">
        <FormMessage message={error} />
      </div>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
