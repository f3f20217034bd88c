import { PrismaClient } from "@/lib/generated/prisma/client";
import { adapterFactoryFor } from "./adapter";
import { refuseNul } from "./nul-guard";
import { databaseUrl } from "./provider";

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { __mip6Db?: PrismaClient };

function create(): PrismaClient {
  const { factory } = adapterFactoryFor(databaseUrl());
  // Same client API (also inside interactive transactions); only the arguments are checked first.
  return new PrismaClient({ adapter: factory }).$extends({
    query: {
      $allOperations({ args, query }) {
        refuseNul(args);
        return query(args);
      },
    },
  }) as unknown as PrismaClient;
}

/** The process-wide Prisma client (one per process; survives Next.js dev reloads). */
export function getDb(): PrismaClient {
  if (!globalForDb.__mip6Db) globalForDb.__mip6Db = create();
  return globalForDb.__mip6Db;
}

export async function disconnectDb(): Promise<void> {
  if (globalForDb.__mip6Db) {
    await globalForDb.__mip6Db.$disconnect();
    globalForDb.__mip6Db = undefined;
  }
}
