import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Several checkouts/servers can share one tree during development (NEXT_DIST_DIR=.next-foo).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and WebAssembly modules are loaded by Node at run time, not bundled.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@prisma/schema-engine-wasm", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
