import { closestName } from "./closest-name.js";
import { describeAt } from "./issues.js";
import type { RawConfig } from "./schema.js";
import type { YamlSource } from "./yaml-source.js";

/** A rollout gate names a check under `checks:`; one that names none is a config error (exit 2). */
export function rolloutGateProblems(source: YamlSource, config: RawConfig): string[] {
  const rollout = config.rollout;
  if (rollout === undefined) return [];
  const known = Object.keys(config.checks);
  const problems: string[] = [];
  const names = new Set<string>();
  for (const [p, phase] of rollout.phases.entries()) {
    if (names.has(phase.name))
      problems.push(
        describeAt(source, ["rollout", "phases", p], `phase "${phase.name}" is named twice`, "name"),
      );
    names.add(phase.name);
    for (const [g, gate] of phase.gates.entries()) {
      const baseline = "baseline" in gate ? gate.baseline : undefined;
      if (baseline !== undefined && !known.includes(baseline.check))
        problems.push(
          describeAt(
            source,
            ["rollout", "phases", p, "gates", g, "baseline"],
            `no check "${baseline.check}" under checks:`,
            "check",
          ),
        );
      if (known.includes(gate.check)) continue;
      const near = closestName(gate.check, known);
      const hint = near === undefined ? `checks: ${known.join(", ") || "none"}` : `did you mean "${near}"?`;
      problems.push(
        describeAt(
          source,
          ["rollout", "phases", p, "gates", g],
          `no check "${gate.check}" under checks: (${hint})`,
        ),
      );
    }
  }
  return problems;
}
