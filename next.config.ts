import type { NextConfig } from "next";

const dev = process.env.NODE_ENV !== "production";

// Content-Security-Policy for every response. Next's App Router streams the RSC payload in inline
// <script> tags (self.__next_f.push) and does not nonce them without per-request rendering, so script-src
// needs 'unsafe-inline'; there is no third-party script and stored text is only ever rendered as text.
// React sets style attributes, hence 'unsafe-inline' for styles. The dev server also needs eval (HMR).
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws: wss:" : ""}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: csp },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // HSTS only makes sense when the console is served over https.
  ...(/^https:\/\//i.test(process.env.NEXTAUTH_URL ?? "") ? [{ key: "Strict-Transport-Security", value: "max-age=31536000" }] : []),
];

const nextConfig: NextConfig = {
  // Several checkouts/servers can share one tree during development (NEXT_DIST_DIR=.next-foo).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and WebAssembly modules are loaded by Node at run time, not bundled.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@prisma/schema-engine-wasm", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
  // Server actions keep Next's default origin check (Origin must match Host); experimental.serverActions
  // .allowedOrigins is deliberately not set, so no other origin may post actions.
  // The subscriber CSV import uploads through an action: room for its 10 MiB file plus the form overhead.
  // proxy.ts runs for the APIs too (JSON 405s), and Next buffers a proxied request body only up to this
  // size, silently cutting off the rest: keep it above every body limit (10 MiB CSV import, 11 MB action)
  // so an oversize body reaches the route whole and is refused with 413 instead of imported in part.
  experimental: { serverActions: { bodySizeLimit: "11mb" }, proxyClientMaxBodySize: "16mb" },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
