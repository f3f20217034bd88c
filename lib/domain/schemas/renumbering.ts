import { z } from "zod";
import { idField, intField, prefixField } from "./fields";

export const DEFAULT_DORMANT_AFTER_SECONDS = 7 * 86400;

export const RenumberingCreateSchema = z.object({
  prefixId: idField("the prefix to renumber"),
  newPrefix: prefixField,
  /** a pending MN not seen for this long counts as dormant */
  dormantAfterSeconds: z.preprocess((v) => (v === undefined || v === "" || v === null ? DEFAULT_DORMANT_AFTER_SECONDS : v), intField("the dormant period (seconds)", 1, 366 * 86400)),
});
export type RenumberingCreateInput = z.input<typeof RenumberingCreateSchema>;
