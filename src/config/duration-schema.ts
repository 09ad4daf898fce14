import { z } from "zod";
import { parseDuration } from "../core/units.js";

/** A duration as users write it (`500ms`, `5s`, `10m`), as milliseconds. */
export const durationSchema = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === null || ms <= 0) {
    ctx.addIssue({ code: "custom", message: `expected a duration such as 500ms, 5s or 10m, got "${text}"` });
    return z.NEVER;
  }
  return ms;
});
