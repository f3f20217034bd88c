// A transport that calls the console's handlers directly, without HTTP: the demo seeder and tests use
// it to run the real bootstrap code. Kept apart from client.ts so an HTTP-only MN never loads the
// server (Prisma, data key) just by importing the client.
import { handleBootstrap, handleStatus } from "@/lib/bootstrap/handle-bootstrap";
import type { Transport } from "./client";

export function inProcessTransport(ctx: { sourceAddress?: string } = {}): Transport {
  // Round-trip through JSON so the handler sees exactly what it would see over HTTP.
  const wire = (b: Record<string, unknown>) => JSON.parse(JSON.stringify(b)) as unknown;
  return {
    bootstrap: async (b) => {
      const r = await handleBootstrap(wire(b), { sourceAddress: ctx.sourceAddress ?? "in-process" });
      return { status: r.status, body: wire(r.body) };
    },
    status: async (b) => {
      const r = await handleStatus(wire(b), { sourceAddress: ctx.sourceAddress ?? "in-process" });
      return { status: r.status, body: wire(r.body) };
    },
  };
}
