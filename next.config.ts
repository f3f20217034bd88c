import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and WebAssembly modules are loaded by Node at run time, not bundled.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "@prisma/schema-engine-wasm", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
