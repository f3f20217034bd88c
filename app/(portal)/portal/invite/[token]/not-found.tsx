import Link from "next/link";

// A used, expired or unknown invite link: the page calls notFound(), so this answers HTTP 404.
export default function InviteNotFound() {
  return (
    <div className="mx-auto w-full max-w-sm">
      <h1 className="text-2xl font-semibold text-slate-900">Set your portal password</h1>
      <p className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="invite-invalid">
        This invite link is not valid: it may have been used already or have expired. Ask your provider for a new one.{" "}
        <Link href="/portal/signin" className="font-medium underline">Sign in</Link>
      </p>
    </div>
  );
}
