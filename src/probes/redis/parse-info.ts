const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** INFO's `field:value` lines by field; section headers (`# Memory`) and blank lines skipped. */
export function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (line.startsWith("#") || colon <= 0) continue;
    fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

/**
 * The value at `info.<field>` or `info.<field>.<part>`: `used_memory` 1048576 (numbers as numbers),
 * `role` "master", `db0.keys` 12 from the line `db0:keys=12,expires=3,avg_ttl=0`.
 */
export function infoValue(
  fields: Map<string, string>,
  path: (string | number)[],
): string | number | { absent: string } {
  const [field, part, ...rest] = path.map(String);
  const raw = field === undefined ? undefined : fields.get(field);
  if (field === undefined || rest.length > 0) return { absent: "write info.<field> or info.<field>.<part>" };
  if (raw === undefined) return { absent: `INFO has no field ${field}` };
  if (part === undefined) return asNumber(raw);
  const pair = raw.split(",").find((item) => item.startsWith(`${part}=`));
  if (pair === undefined) return { absent: `INFO field ${field} (${raw}) has no ${part}` };
  return asNumber(pair.slice(part.length + 1));
}

function asNumber(text: string): string | number {
  return NUMBER.test(text) ? Number(text) : text;
}
