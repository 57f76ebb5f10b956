/** A value and how often it was seen; `error` bounds how much the count may overstate (Space-Saving). */
export interface CountedValue {
  value: string;
  count: number;
  error: number;
}

interface Slot {
  count: number;
  error: number;
}

/**
 * Space-Saving top-k: at most `capacity` values are tracked, so memory stays flat however many
 * distinct command lines an archive holds. Any value seen more than count/capacity times is
 * guaranteed to be tracked, and a value that was never evicted has an exact count (error 0).
 */
export class TopKCounter {
  private readonly slots = new Map<string, Slot>();
  /** Keys that had the minimum count at the last scan; re-validated before eviction. */
  private minimumCandidates: string[] = [];
  private minimumCount = 0;

  constructor(readonly capacity: number) {}

  add(value: string): void {
    if (!this.increment(value)) this.insert(value);
  }

  /** Counts `value` if it is tracked; false (and nothing counted) when it is not. */
  increment(value: string): boolean {
    const slot = this.slots.get(value);
    if (slot === undefined) return false;
    slot.count += 1;
    return true;
  }

  /** Counts a value that `increment` just said is not tracked, evicting the least frequent when full. */
  insert(value: string): void {
    if (this.slots.size < this.capacity) {
      this.slots.set(value, { count: 1, error: 0 });
      return;
    }
    const evicted = this.takeMinimum();
    const floor = this.slots.get(evicted)?.count ?? 0;
    this.slots.delete(evicted);
    this.slots.set(value, { count: floor + 1, error: floor });
  }

  /** Tracked values, most frequent first; ties in first-seen order. */
  top(limit: number): CountedValue[] {
    return [...this.slots.entries()]
      .map(([value, slot]) => ({ value, count: slot.count, error: slot.error }))
      .sort((left, right) => right.count - left.count)
      .slice(0, limit);
  }

  get full(): boolean {
    return this.slots.size >= this.capacity;
  }

  trackedValues(): IterableIterator<string> {
    return this.slots.keys();
  }

  get size(): number {
    return this.slots.size;
  }

  private takeMinimum(): string {
    for (;;) {
      const candidate = this.minimumCandidates.pop();
      if (candidate === undefined) {
        this.rescanMinimum();
        continue;
      }
      if (this.slots.get(candidate)?.count === this.minimumCount) return candidate;
    }
  }

  private rescanMinimum(): void {
    let minimum = Number.POSITIVE_INFINITY;
    for (const slot of this.slots.values()) if (slot.count < minimum) minimum = slot.count;
    this.minimumCount = minimum;
    const candidates: string[] = [];
    for (const [value, slot] of this.slots) if (slot.count === minimum) candidates.push(value);
    // Popped from the end: reverse so the oldest of the least frequent goes first.
    this.minimumCandidates = candidates.reverse();
  }
}
