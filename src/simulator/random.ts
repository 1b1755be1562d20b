/**
 * A small seeded pseudo-random generator (mulberry32) and the draws the simulator needs. The
 * simulator must be reproducible: the same seed always gives the same traffic, so it never
 * touches Math.random.
 */

export interface Random {
  /** uniform in [0, 1) */
  next(): number;
  /** whole number in [min, max], both included */
  int(min: number, max: number): number;
  /** uniform in [min, max) */
  between(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** one of the entries, each as likely as its weight */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** `count` decimal digits, leading zeros allowed */
  digits(count: number): string;
  /** a shuffled copy */
  shuffle<T>(items: readonly T[]): T[];
}

/** FNV-1a over the parts: a 32-bit seed for a sub-stream (a seed and a shipment index, say). */
export function hashSeed(...parts: (number | string)[]): number {
  let hash = 0x811c9dc5;
  for (const ch of parts.join('\u001f')) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const random: Random = {
    next,
    int,
    between: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('cannot pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (entries) => {
      const total = entries.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
      if (total <= 0) throw new RangeError('weights must add up to more than 0');
      let target = next() * total;
      for (const [value, w] of entries) {
        target -= Math.max(0, w);
        if (target < 0) return value;
      }
      return entries[entries.length - 1]![0];
    },
    digits: (count) => Array.from({ length: count }, () => String(int(0, 9))).join(''),
    shuffle: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy;
    },
  };
  return random;
}
