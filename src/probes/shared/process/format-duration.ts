/** `formatDuration(5000)` is "5s", 1500 "1.5s", 600000 "10m", 250 "250ms". */
export function formatDuration(ms: number): string {
  const units: [number, string][] = [
    [3_600_000, "h"],
    [60_000, "m"],
    [1000, "s"],
  ];
  for (const [size, unit] of units) {
    if (ms >= size && (ms % size === 0 || unit === "s")) return `${Number((ms / size).toFixed(3))}${unit}`;
  }
  return `${ms}ms`;
}
