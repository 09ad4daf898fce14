/** The two text formats Prometheus scrapes: the classic one (version 0.0.4) and OpenMetrics 1.0. */
export type ExpositionFormat = "text" | "openmetrics";

/** `untyped` is the text format's word, `unknown` OpenMetrics'; the last four exist only in OpenMetrics. */
export type MetricType =
  | "counter"
  | "gauge"
  | "histogram"
  | "summary"
  | "untyped"
  | "unknown"
  | "gaugehistogram"
  | "info"
  | "stateset";

export type Labels = Record<string, string>;

/** One line of data: `http_requests_total{route="/a"} 1027 1395066363000`. */
export interface Sample {
  name: string;
  labels: Labels;
  /** NaN, +Inf and -Inf are values like any other. */
  value: number;
  /** Milliseconds since the epoch, when the line carries one. */
  timestampMs?: number;
  /** 1-based line in the body, for messages. */
  line: number;
}

/** A metric family: the samples of one metric with its `# TYPE`, `# HELP` and (OpenMetrics) `# UNIT`. */
export interface MetricFamily {
  name: string;
  type: MetricType;
  help?: string;
  unit?: string;
  samples: Sample[];
}

export interface Exposition {
  format: ExpositionFormat;
  /** By family name, in the order they first appear. */
  families: Map<string, MetricFamily>;
}

/** A line that breaks the grammar; `line` is 1-based. */
export interface ExpositionError {
  line: number;
  message: string;
}
