import { requirePageUser } from "@/lib/auth/session";

// The role gate of every /users page, here above the list's loading.tsx: a layout runs before that
// Suspense boundary starts the stream, so an operator gets a real 404 (the pages check again themselves).
export default async function UsersLayout({ children }: { children: React.ReactNode }) {
  await requirePageUser(["admin", "auditor"]);
  return children;
}
