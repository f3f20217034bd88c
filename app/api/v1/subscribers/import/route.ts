import { apiHandler } from "@/lib/api/handler";
import { json, readText } from "@/lib/api/json";
import { AppError } from "@/lib/errors";
import { MAX_IMPORT_BYTES } from "@/lib/domain/subscriber-csv";
import { startSubscriberImport } from "@/lib/services/subscriber-import";

export const dynamic = "force-dynamic";

class UnsupportedMediaTypeError extends AppError {
  constructor() {
    super(415, "unsupported_media_type", "send the file as text/csv (the first line names the columns)");
  }
}

/** 202 with the queued job; poll GET /api/v1/jobs/{id}. 413 over 10 MiB, 422 for a bad header. */
export const POST = apiHandler(async (request, { actor }) => {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "text/csv" && type !== "text/plain") throw new UnsupportedMediaTypeError();
  const job = await startSubscriberImport(actor, await readText(request, MAX_IMPORT_BYTES));
  return json(job, 202, { Location: `/api/v1/jobs/${job.id}` });
});
