import { requirePageUser } from "@/lib/auth/session";

// The role gate of the planning form, above its loading.tsx: a layout runs before that Suspense boundary
// starts the stream, so an auditor gets a real 404 (the page checks again itself).
export default async function NewRenumberingLayout({ children }: { children: React.ReactNode }) {
  await requirePageUser(["admin", "operator"]);
  return children;
}
