import { describe, expect, it } from 'vitest';
import { DistinctCounter } from '../../../src/batch/distinct-counter.js';
import { TimeHistogram } from '../../../src/batch/time-histogram.js';
import { TopKCounter } from '../../../src/batch/top-k-counter.js';
import { ValueTally } from '../../../src/batch/value-tally.js';

describe('TopKCounter', () => {
  it('counts exactly while the values fit', () => {
    const counter = new TopKCounter(4);
    for (const value of ['a', 'b', 'a', 'c', 'a', 'b']) counter.add(value);
    expect(counter.top(2)).toEqual([
      { value: 'a', count: 3, error: 0 },
      { value: 'b', count: 2, error: 0 },
    ]);
  });

  it('keeps the heavy hitters with bounded memory when most values are unique', () => {
    const counter = new TopKCounter(16);
    for (let index = 0; index < 20_000; index += 1) {
      counter.add(index % 4 === 0 ? 'frequent' : `unique-${index}`);
      if (index % 10 === 0) counter.add('second');
    }
    expect(counter.size).toBe(16);
    const [first, second] = counter.top(2);
    expect(first?.value).toBe('frequent');
    expect(second?.value).toBe('second');
    // Space-Saving overestimates by at most `error`; the true count lies in [count - error, count].
    expect((first?.count ?? 0) - (first?.error ?? 0)).toBeLessThanOrEqual(5000);
    expect(first?.count).toBeGreaterThanOrEqual(5000);
  });
});

describe('DistinctCounter', () => {
  it('is exact for few values', () => {
    const counter = new DistinctCounter();
    for (const value of ['root', 'www', 'root', 'nobody']) counter.add(value);
    expect(counter.count).toBe(3);
    expect(counter.approximate).toBe(false);
  });

  it('estimates many values within a few percent', () => {
    const counter = new DistinctCounter();
    for (let index = 0; index < 50_000; index += 1) counter.add(`cmd --pid ${index}`);
    expect(counter.approximate).toBe(true);
    expect(Math.abs(counter.count - 50_000) / 50_000).toBeLessThan(0.08);
  });
});

describe('TimeHistogram', () => {
  it('coarsens to keep the span within the bucket limit and keeps every alert', () => {
    const histogram = new TimeHistogram(10);
    const start = Date.UTC(2024, 4, 1);
    for (let minute = 0; minute < 600; minute += 1) histogram.add(start + minute * 60_000);
    const data = histogram.toData();
    expect(data.bucketMs).toBe(3_600_000);
    expect(data.buckets).toHaveLength(10);
    expect(data.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(600);
  });

  it('fills empty buckets between the first and last alert', () => {
    const histogram = new TimeHistogram(48);
    const start = Date.UTC(2024, 4, 1, 10);
    histogram.add(start);
    histogram.add(start + 3 * 60_000);
    expect(histogram.toData().buckets.map((bucket) => bucket.count)).toEqual([1, 0, 0, 1]);
  });
});

describe('ValueTally', () => {
  it('counts distinct values exactly until the top-k counter has to evict, then estimates', () => {
    const tally = new ValueTally(4);
    for (const value of ['a', 'b', 'a', 'c', 'd', 'a']) tally.add(value);
    expect(tally).toMatchObject({ alertsWithValue: 6, distinctCount: 4, approximate: false });
    for (let index = 0; index < 200; index += 1) tally.add(`value-${index}`);
    expect(tally.approximate).toBe(true);
    expect(Math.abs(tally.distinctCount - 204) / 204).toBeLessThan(0.1);
    // Space-Saving keeps the total: the tracked counts (with their overestimates) sum to every value seen.
    expect(tally.topValues(4).reduce((sum, top) => sum + top.count, 0)).toBe(206);
  });
});
