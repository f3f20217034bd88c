"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { CopyButton } from "@/components/ui/copy-button";

export function SecretPanel({ subscriber, secret, onAnother }: { subscriber: { id: string; nai: string }; secret: string; onAnother: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section data-testid="secret-panel" aria-labelledby="secret-heading" className="rounded-lg border-2 border-amber-400 bg-amber-50 p-5">
      <h2 id="secret-heading" ref={heading} tabIndex={-1} className="text-lg font-semibold text-amber-950 focus:outline-none">
        Subscriber created: copy its root secret now
      </h2>
      <p className="mt-1 text-sm text-amber-900" role="alert">
        This secret is shown <strong>only once</strong>. It is stored encrypted and cannot be displayed again; if it is lost,
        rotate the secret to issue a new one.
      </p>
      <dl className="mt-4 space-y-3 text-sm">
        <div>
          <dt className="font-medium text-amber-950">NAI</dt>
          <dd className="font-mono" data-testid="created-nai">{subscriber.nai}</dd>
        </div>
        <div>
          <dt className="font-medium text-amber-950">Root secret (base64url)</dt>
          <dd className="mt-1 flex flex-wrap items-center gap-2">
            <code data-testid="subscriber-secret" className="select-all break-all rounded bg-white px-2 py-1.5 font-mono text-sm text-slate-900 ring-1 ring-amber-300">
              {secret}
            </code>
            <CopyButton text={secret} label="Copy secret" />
          </dd>
        </div>
      </dl>
      <div className="mt-5 flex flex-wrap gap-3 text-sm">
        <Link href={`/subscribers/${subscriber.id}`} className="font-medium text-brand-700 hover:underline">
          Open the subscriber
        </Link>
        <button type="button" onClick={onAnother} className="font-medium text-brand-700 hover:underline">
          Create another subscriber
        </button>
      </div>
    </section>
  );
}
