import { DistinctCounter } from './distinct-counter.js';
import { type CountedValue, TopKCounter } from './top-k-counter.js';

/**
 * Top values and distinct count of one field in one group. Until the top-k counter first has to
 * evict, it holds every value seen, so its size is the exact distinct count and no second
 * structure is fed per alert; from the first eviction on, a DistinctCounter (seeded with every
 * value seen so far) takes over the counting.
 */
export class ValueTally {
  alertsWithValue = 0;
  private readonly top: TopKCounter;
  private distinct: DistinctCounter | undefined;

  constructor(capacity: number) {
    this.top = new TopKCounter(capacity);
  }

  add(value: string): void {
    this.alertsWithValue += 1;
    // A tracked value is counted and, once the sketch exists, already in it: one Map lookup.
    if (this.top.increment(value)) return;
    if (this.distinct === undefined && this.top.full) {
      const distinct = new DistinctCounter();
      for (const known of this.top.trackedValues()) distinct.add(known);
      this.distinct = distinct;
    }
    this.distinct?.add(value);
    this.top.insert(value);
  }

  get distinctCount(): number {
    return this.distinct?.count ?? this.top.size;
  }

  get approximate(): boolean {
    return this.distinct?.approximate ?? false;
  }

  topValues(limit: number): CountedValue[] {
    return this.top.top(limit);
  }
}
