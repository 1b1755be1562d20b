/**
 * Wrong last-4 guesses per waybill (PRODUCT.md §1: names, phones and addresses only after the
 * phone check). The per-address rate limit still lets the 10,000 combinations be walked from many
 * addresses; counting per waybill stops that. The waybill is counted as typed, known or not, so the
 * count says nothing about whether it exists. After `max` wrong guesses within `windowMs` the check
 * of that waybill is locked, right digits included, until the oldest of them leaves the window.
 * Answers say so (a customer with the right digits must not be told they are wrong); that tells
 * nothing either, since an unknown waybill locks the same way. Kept in memory per server process.
 */
export class PhoneCheckGuard {
  /** waybill → times of its wrong guesses still inside the window, oldest first */
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max = 5,
    private readonly windowMs = 3_600_000,
    /** waybills remembered at most; past it the least recently guessed is forgotten */
    private readonly capacity = 100_000,
  ) {}

  /** Whether a check of this waybill may succeed now. */
  open(waybillNo: string, now: number): boolean {
    return this.lockedUntil(waybillNo, now) === null;
  }

  /**
   * While the check of this waybill is locked, the instant (ms) it opens again: when enough wrong
   * guesses have left the window that fewer than `max` remain. Null while it is open.
   */
  lockedUntil(waybillNo: string, now: number): number | null {
    const times = this.recent(waybillNo, now);
    return times.length < this.max ? null : times[times.length - this.max]! + this.windowMs;
  }

  /** Records a wrong guess. */
  failed(waybillNo: string, now: number): void {
    const times = [...this.recent(waybillNo, now), now];
    this.failures.delete(waybillNo); // re-inserted last: the Map's order is the eviction order
    this.failures.set(waybillNo, times);
    if (this.failures.size > this.capacity) this.failures.delete(this.failures.keys().next().value!);
  }

  private recent(waybillNo: string, now: number): number[] {
    const times = this.failures.get(waybillNo);
    if (!times) return [];
    const recent = times.filter((t) => t > now - this.windowMs);
    if (recent.length === 0) this.failures.delete(waybillNo);
    return recent;
  }
}
