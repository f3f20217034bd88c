import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "MIP6 Console", template: "%s · MIP6 Console" },
  description: "Mobile IPv6 bootstrapping console (RFC 4640)",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
