#!/bin/sh
# Prisma's CLI wants a native schema engine it would download from a host this project cannot reach.
# `prisma generate` only checks that this path exists. Migrations run through the WebAssembly engine
# instead (scripts/db/migrate.ts); this script makes any accidental use fail loudly.
echo "mip6-console: the native Prisma schema engine is not used; run 'npm run db:migrate' instead." >&2
exit 1
