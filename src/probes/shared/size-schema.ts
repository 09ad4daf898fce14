import { z } from "zod";
import { formatQuantity } from "../../core/format-quantity.js";
import { parseSize } from "../../core/units.js";

/**
 * A size in a probe's config (`max_body: 4MiB`, or a number of bytes), as the expectation language
 * reads sizes: KB MB GB are powers of 1000, KiB MiB GiB of 1024. `example` goes into the message.
 */
export function sizeSchema(example: string, maxBytes = Number.POSITIVE_INFINITY) {
  return z.union([z.number(), z.string()]).transform((value, ctx) => {
    const bytes = typeof value === "number" ? value : parseSize(value);
    if (bytes === null || !Number.isInteger(bytes) || bytes <= 0) {
      ctx.addIssue({
        code: "custom",
        message: `expected a size such as ${example}, got ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
    if (bytes > maxBytes) {
      ctx.addIssue({
        code: "custom",
        message: `at most ${formatLimit(maxBytes)}, got ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
    return bytes;
  });
}

/** A read limit for messages: `1MiB`, `64KiB`, `1.5MB`, in the units it was most likely written in. */
export function formatLimit(bytes: number): string {
  return formatQuantity({ value: bytes, unit: "B" }, bytes % 1024 === 0 ? "KiB" : null);
}
