// Child process for agreements-race.test.ts: creates one agreement and prints the outcome as JSON.
async function main() {
  const [fromProviderId, toProviderId, validFrom] = process.argv.slice(2);
  const { createAgreement } = await import("@/lib/services/agreements");
  const { systemActor } = await import("@/lib/auth/actor");
  const { disconnectDb } = await import("@/lib/db/client");
  try {
    await createAgreement(systemActor("race"), { kind: "mobility", fromProviderId, toProviderId, validFrom });
    console.log(JSON.stringify({ validFrom, status: 201 }));
  } catch (e) {
    const status = (e as { status?: number }).status ?? 500;
    console.log(JSON.stringify({ validFrom, status, message: status === 500 ? String(e) : undefined }));
  } finally {
    await disconnectDb();
  }
}
void main();
export {};
