import { defineConfig } from "prisma/config";

// Only `prisma generate` is used from the CLI (migrations run through the WebAssembly schema
// engine in scripts/db/migrate.ts, which works offline). The URL is not needed to generate.
export default defineConfig({
  schema: process.env.PRISMA_SCHEMA_PATH ?? "prisma/schema.prisma",
});
