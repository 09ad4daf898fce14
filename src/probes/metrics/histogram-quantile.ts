/** One cumulative histogram bucket: `count` observations were <= `upperBound` (the `le` label). */
export interface Bucket {
  upperBound: number;
  count: number;
}

/**
 * The φ-quantile of cumulative buckets, computed as Prometheus' `histogram_quantile` does
 * (promql/quantile.go, bucketQuantile, v2.42): buckets sorted by bound, equal bounds merged,
 * counts forced monotonic, then linear interpolation inside the bucket holding the rank. A rank in
 * the +Inf bucket answers the highest finite bound. NaN without a +Inf bucket or observations.
 *
 * @example bucketQuantile(0.5, [{ upperBound: 0.1, count: 3 }, { upperBound: 0.5, count: 7 },
 *   { upperBound: Infinity, count: 10 }]) // 0.3
 */
export function bucketQuantile(q: number, input: readonly Bucket[]): number {
  if (Number.isNaN(q)) return Number.NaN;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  const sorted = input.filter((b) => !Number.isNaN(b.upperBound)).sort((a, b) => a.upperBound - b.upperBound);
  if (sorted.at(-1)?.upperBound !== Number.POSITIVE_INFINITY) return Number.NaN;
  const buckets = coalesceBuckets(sorted);
  ensureMonotonic(buckets);
  if (buckets.length < 2) return Number.NaN;
  const observations = buckets.at(-1)?.count ?? 0;
  if (observations === 0) return Number.NaN;
  let rank = q * observations;
  const last = buckets.length - 1;
  // Go's sort.Search over all but the +Inf bucket: the first whose count reaches the rank.
  let b = buckets.findIndex((bucket, i) => i < last && bucket.count >= rank);
  if (b === -1) b = last;
  const bucket = buckets[b] as Bucket;
  if (b === last) return (buckets[last - 1] as Bucket).upperBound;
  if (b === 0 && bucket.upperBound <= 0) return bucket.upperBound;
  let bucketStart = 0;
  let count = bucket.count;
  const previous = buckets[b - 1];
  if (previous !== undefined) {
    bucketStart = previous.upperBound;
    count -= previous.count;
    rank -= previous.count;
  }
  return bucketStart + (bucket.upperBound - bucketStart) * (rank / count);
}

/** Buckets with the same bound (`le="1"` and `le="1.0"`) count as one. */
function coalesceBuckets(sorted: Bucket[]): Bucket[] {
  const merged: Bucket[] = [];
  for (const bucket of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && last.upperBound === bucket.upperBound) last.count += bucket.count;
    else merged.push({ ...bucket });
  }
  return merged;
}

/** A count lower than the one before it (scraped mid-update) is raised to it. */
function ensureMonotonic(buckets: Bucket[]): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const bucket of buckets) {
    if (bucket.count > max) max = bucket.count;
    else if (bucket.count < max) bucket.count = max;
  }
}
