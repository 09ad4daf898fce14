import burstProbe from "./burst/index.js";
import commandProbe from "./command/index.js";
import coverageProbe from "./coverage/index.js";
import dockerfileProbe from "./dockerfile/index.js";
import fileProbe from "./file/index.js";
import httpProbe from "./http/index.js";
import k6Probe from "./k6/index.js";
import loadProbe from "./load/index.js";
import metricsProbe from "./metrics/index.js";
import promqlProbe from "./promql/index.js";
import redisProbe from "./redis/index.js";
import sqlProbe from "./sql/index.js";
import tlsProbe from "./tls/index.js";
import type { Probe } from "./types.js";

/** Every probe by the key users write in a check (`http:`, `tls:` ...). Adding a probe touches only this list. */
export const PROBES: ReadonlyMap<string, Probe<unknown>> = new Map(
  [
    httpProbe,
    tlsProbe,
    commandProbe,
    fileProbe,
    dockerfileProbe,
    metricsProbe,
    promqlProbe,
    sqlProbe,
    redisProbe,
    loadProbe,
    burstProbe,
    coverageProbe,
    k6Probe,
  ].map((probe) => [probe.name, probe as Probe<unknown>]),
);
