/**
 * wrk's printed summary (run with --latency) as figures: requests/s, p50 and p99 in ms, requests made, non-2xx
 * answers. wrk has no machine-readable output short of a Lua `done` hook, so its text is read.
 */
export function readWrkOutput(out) {
  const toMs = (text) => {
    const [, n, unit] = /([\d.]+)(us|ms|s)/.exec(text) ?? [];
    return Number(n) * { us: 0.001, ms: 1, s: 1000 }[unit];
  };
  const pct = (p) => toMs(new RegExp(`^\\s+${p}%\\s+(\\S+)`, "m").exec(out)?.[1] ?? "");
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]),
    p50: pct(50),
    p99: pct(99),
    requests: Number(/(\d+) requests in/.exec(out)?.[1]),
    non2xx: Number(/non2xx (\d+)/.exec(out)?.[1] ?? 0),
  };
}
