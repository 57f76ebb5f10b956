const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Each width divides the next, so buckets merge exactly when the histogram coarsens. */
const BUCKET_WIDTHS = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 6 * HOUR, DAY, 7 * DAY, 28 * DAY, 364 * DAY];

export interface HistogramBucket {
  /** Bucket start, epoch milliseconds (UTC-aligned to the width). */
  startMs: number;
  count: number;
}

export interface HistogramData {
  bucketMs: number;
  buckets: HistogramBucket[];
}

/**
 * Alerts over time without keeping their times: counts per bucket, and when the span from first to
 * last alert needs more than `maxBuckets` buckets the width steps up (1 min, 5 min, ... 1 year) and
 * buckets merge.
 */
export class TimeHistogram {
  private widthIndex = 0;
  /** Keyed by bucket number (time / width): small integers, which a Map stores without allocating. */
  private counts = new Map<number, number>();
  private earliest = Number.POSITIVE_INFINITY;
  private latest = Number.NEGATIVE_INFINITY;

  constructor(private readonly maxBuckets = 48) {}

  add(timeMs: number): void {
    const width = BUCKET_WIDTHS[this.widthIndex] as number;
    const bucket = Math.floor(timeMs / width);
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
    // The span only grows when an alert falls outside it; most alerts do not.
    let widened = false;
    if (timeMs < this.earliest) {
      this.earliest = timeMs;
      widened = true;
    }
    if (timeMs > this.latest) {
      this.latest = timeMs;
      widened = true;
    }
    if (widened && this.spanBuckets(width) > this.maxBuckets) this.coarsen();
  }

  /** Every bucket from the first to the last, empty ones included (at most `maxBuckets`). */
  toData(): HistogramData {
    const bucketMs = BUCKET_WIDTHS[this.widthIndex] as number;
    if (this.counts.size === 0) return { bucketMs, buckets: [] };
    const first = Math.floor(this.earliest / bucketMs);
    const last = Math.floor(this.latest / bucketMs);
    const buckets: HistogramBucket[] = [];
    for (let bucket = first; bucket <= last; bucket += 1) {
      buckets.push({ startMs: bucket * bucketMs, count: this.counts.get(bucket) ?? 0 });
    }
    return { bucketMs, buckets };
  }

  private spanBuckets(width: number): number {
    return Math.floor(this.latest / width) - Math.floor(this.earliest / width) + 1;
  }

  private coarsen(): void {
    while (
      this.spanBuckets(BUCKET_WIDTHS[this.widthIndex] as number) > this.maxBuckets &&
      this.widthIndex < BUCKET_WIDTHS.length - 1
    ) {
      const previous = BUCKET_WIDTHS[this.widthIndex] as number;
      this.widthIndex += 1;
      const width = BUCKET_WIDTHS[this.widthIndex] as number;
      const merged = new Map<number, number>();
      for (const [bucket, count] of this.counts) {
        const coarse = Math.floor((bucket * previous) / width);
        merged.set(coarse, (merged.get(coarse) ?? 0) + count);
      }
      this.counts = merged;
    }
  }
}
