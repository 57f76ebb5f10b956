const EXACT_LIMIT = 64;
const REGISTER_BITS = 10;
const REGISTER_COUNT = 1 << REGISTER_BITS;

/** 32-bit FNV-1a with a murmur3 finaliser, so the high bits HyperLogLog indexes by are well mixed. */
const hashText = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
};

/**
 * Distinct values, exact while there are few (the common case: a handful of users or pods) and a
 * 1 KB HyperLogLog sketch (about 3% error) beyond, so a group's memory does not grow with the
 * number of distinct command lines.
 */
export class DistinctCounter {
  private exact: Set<string> | undefined = new Set();
  private registers: Uint8Array | undefined;

  add(value: string): void {
    if (this.exact !== undefined) {
      this.exact.add(value);
      if (this.exact.size <= EXACT_LIMIT) return;
      this.registers = new Uint8Array(REGISTER_COUNT);
      for (const known of this.exact) this.addToSketch(known);
      this.exact = undefined;
      return;
    }
    this.addToSketch(value);
  }

  /** True once the count is an estimate. */
  get approximate(): boolean {
    return this.exact === undefined;
  }

  get count(): number {
    if (this.exact !== undefined) return this.exact.size;
    const registers = this.registers as Uint8Array;
    let sum = 0;
    let zeros = 0;
    for (const register of registers) {
      sum += 2 ** -register;
      if (register === 0) zeros += 1;
    }
    const alpha = 0.7213 / (1 + 1.079 / REGISTER_COUNT);
    const estimate = (alpha * REGISTER_COUNT * REGISTER_COUNT) / sum;
    const corrected =
      estimate <= 2.5 * REGISTER_COUNT && zeros > 0
        ? REGISTER_COUNT * Math.log(REGISTER_COUNT / zeros)
        : estimate;
    // The sketch switched on past the exact limit, so fewer is never the truth.
    return Math.max(EXACT_LIMIT + 1, Math.round(corrected));
  }

  private addToSketch(value: string): void {
    const registers = this.registers as Uint8Array;
    const hash = hashText(value);
    const index = hash >>> (32 - REGISTER_BITS);
    const rest = (hash << REGISTER_BITS) >>> 0;
    const rank = rest === 0 ? 32 - REGISTER_BITS + 1 : Math.clz32(rest) + 1;
    if (rank > (registers[index] ?? 0)) registers[index] = rank;
  }
}
