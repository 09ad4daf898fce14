import type { ObservableRef } from "../../src/core/observation.js";
import { parseObservableRef } from "../../src/expect/index.js";
import type { ProbeContext } from "../../src/probes/types.js";
import { type ContextOptions, probeContext } from "./probe-context.js";

/**
 * `quantile(x, 0.95)` -> { name: "quantile", args: ["x", 0.95] } as the engine passes it. The
 * metrics and promql probes take call-form observables, which the plain probeContext helper does
 * not spell, so these tests use the expectation language's own parser.
 */
export function callRef(text: string): ObservableRef {
  const parsed = parseObservableRef(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
  return parsed.observable;
}

/** A ProbeContext requesting `requested` (any observable form). */
export function prometheusContext(options: ContextOptions & { requested?: string[] } = {}): ProbeContext {
  const { requested = [], ...rest } = options;
  return { ...probeContext(rest), requested: requested.map(callRef) };
}
