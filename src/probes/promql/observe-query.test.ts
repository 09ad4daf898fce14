import { describe, expect, it } from "vitest";
import { callRef } from "../../../test/support/prometheus-probe-context.js";
import { observeQuery } from "./observe-query.js";
import type { QueryAnswer, QuerySeries } from "./run-query.js";

const SECONDS = { unit: "seconds", why: "seconds (from x_seconds)" } as const;
const NONE = { unit: "none", why: "none" } as const;

const answer = (series: QuerySeries[], resultType: QueryAnswer["resultType"] = "matrix"): QueryAnswer => ({
  resultType,
  series,
  warnings: [],
});

describe("observeQuery", () => {
  it("reads the latest, mean, largest and smallest sample of one series, NaN left out", () => {
    const result = observeQuery(answer([{ labels: {}, values: [0.2, Number.NaN, 0.1, 0.3] }]), SECONDS, []);
    expect(result.observations).toMatchObject({
      series: 1,
      samples: 3,
      value: { value: 300, unit: "ms" },
      avg: { value: expect.closeTo(200, 9), unit: "ms" },
      max: { value: 300, unit: "ms" },
      min: { value: 100, unit: "ms" },
    });
  });

  it("reports no data as samples 0 and null values, saying why", () => {
    const empty = observeQuery(answer([], "vector"), NONE, []);
    expect(empty.observations).toEqual({
      series: 0,
      samples: 0,
      value: null,
      avg: null,
      max: null,
      min: null,
    });
    expect(empty.absent?.value).toBe("no data: the query returned no series");
    const idle = observeQuery(answer([{ labels: {}, values: [Number.NaN] }], "vector"), NONE, []);
    expect(idle.observations).toMatchObject({ series: 1, samples: 0, value: null });
    expect(idle.absent?.value).toBe("no data: the query returned only NaN (no traffic in the window?)");
  });

  it("counts several series, and refuses to pick a value among them", () => {
    const two = answer([
      { labels: { route: "/a" }, values: [1] },
      { labels: { route: "/b" }, values: [2] },
    ]);
    expect(observeQuery(two, NONE, [callRef("series")])).toEqual({
      observations: { series: 2, samples: 2 },
      evidence: { resultType: "matrix", unit: "none", series: ['{route="/a"}', '{route="/b"}'] },
    });
    expect(observeQuery(two, NONE, [callRef("value"), callRef("max")]).errors).toEqual([
      'the query returned 2 series ({route="/a"}, {route="/b"}): value, max need one; aggregate in the query, e.g. max(...) or sum(...)',
    ]);
  });
});
