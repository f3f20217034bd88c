import { z } from "zod";
import { idField, intField } from "./fields";
import { homePrefixField } from "./prefix";

export const DEFAULT_DORMANT_AFTER_SECONDS = 7 * 86400;

export const RenumberingCreateSchema = z.object({
  prefixId: idField("the prefix to renumber"),
  /** the same validation as creating a home link prefix: a plan may create it */
  newPrefix: homePrefixField,
  /** a pending MN not seen for this long counts as dormant */
  dormantAfterSeconds: z.preprocess((v) => (v === undefined || v === "" || v === null ? DEFAULT_DORMANT_AFTER_SECONDS : v), intField("the dormant period (seconds)", 1, 366 * 86400)),
});
export type RenumberingCreateInput = z.input<typeof RenumberingCreateSchema>;
