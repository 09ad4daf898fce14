/** Replaces every secret with `mask` in any string inside `value`; longer secrets first. */
export function createRedactor(secrets: string[], mask = "***"): <T>(value: T) => T {
  const ordered = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  const redactString = (text: string) => ordered.reduce((out, secret) => out.split(secret).join(mask), text);
  const redact = (value: unknown): unknown => {
    if (typeof value === "string") return redactString(value);
    if (Array.isArray(value)) return value.map(redact);
    if (value instanceof Map) return new Map([...value].map(([k, v]) => [redact(k), redact(v)]));
    // Bytes (a checklist's own content) and other class instances are not evidence: left as they are.
    if (
      ArrayBuffer.isView(value) ||
      (value !== null && typeof value === "object" && Object.getPrototypeOf(value) !== Object.prototype)
    ) {
      return value;
    }
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactString(k), redact(v)]));
    }
    return value;
  };
  return <T>(value: T) => (ordered.length === 0 ? value : (redact(value) as T));
}
