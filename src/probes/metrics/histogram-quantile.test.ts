import { describe, expect, it } from "vitest";
import { type Bucket, bucketQuantile } from "./histogram-quantile.js";

const buckets = (pairs: [number, number][]): Bucket[] =>
  pairs.map(([upperBound, count]) => ({ upperBound, count }));

const LATENCY = buckets([
  [0.1, 3],
  [0.5, 7],
  [1, 9],
  [Number.POSITIVE_INFINITY, 10],
]);

describe("bucketQuantile (Prometheus' histogram_quantile)", () => {
  it("interpolates linearly inside the bucket that holds the rank", () => {
    expect(bucketQuantile(0.5, LATENCY)).toBeCloseTo(0.3, 15);
    expect(bucketQuantile(0.9, LATENCY)).toBe(1);
    expect(bucketQuantile(0.15, LATENCY)).toBeCloseTo(0.05, 15);
  });

  it("answers the highest finite bound for a rank in the +Inf bucket", () => {
    expect(bucketQuantile(0.95, LATENCY)).toBe(1);
    expect(bucketQuantile(1, LATENCY)).toBe(1);
  });

  it("starts the first bucket at 0, unless its bound is not positive", () => {
    expect(bucketQuantile(0, LATENCY)).toBe(0);
    const negative = buckets([
      [-1, 2],
      [0, 4],
      [Number.POSITIVE_INFINITY, 4],
    ]);
    expect(bucketQuantile(0.25, negative)).toBe(-1);
  });

  it("sorts the buckets, merges equal bounds and forces counts monotonic", () => {
    const messy = buckets([
      [Number.POSITIVE_INFINITY, 10],
      [0.5, 4],
      [0.1, 3],
      [0.5, 3],
    ]);
    expect(bucketQuantile(0.5, messy)).toBeCloseTo(0.3, 15);
    const dip = buckets([
      [0.1, 5],
      [0.5, 4],
      [Number.POSITIVE_INFINITY, 10],
    ]);
    expect(bucketQuantile(0.5, dip)).toBe(0.1);
  });

  it("is NaN without a +Inf bucket, without observations, or for q = NaN", () => {
    expect(bucketQuantile(0.5, buckets([[0.1, 3]]))).toBeNaN();
    expect(bucketQuantile(0.5, buckets([[Number.POSITIVE_INFINITY, 3]]))).toBeNaN();
    expect(
      bucketQuantile(
        0.5,
        buckets([
          [0.1, 0],
          [Number.POSITIVE_INFINITY, 0],
        ]),
      ),
    ).toBeNaN();
    expect(bucketQuantile(Number.NaN, LATENCY)).toBeNaN();
    expect(bucketQuantile(0.5, [])).toBeNaN();
  });

  it("is -Inf below q = 0 and +Inf above q = 1", () => {
    expect(bucketQuantile(-0.1, LATENCY)).toBe(Number.NEGATIVE_INFINITY);
    expect(bucketQuantile(95, LATENCY)).toBe(Number.POSITIVE_INFINITY);
  });
});
