/**
 * When each API key was last used, written cheaply: scanners authenticate every batch of
 * POST /api/tracking/events, so a write per request would double the hot path's statements for a
 * date the console shows to the minute. This process writes a key's use at most once per
 * `intervalMs`; the console's "last used" is therefore at most that much (plus the other processes'
 * share) behind.
 */
export class ApiKeyUseThrottle {
  /** key id → epoch ms of the last write this process started */
  readonly #written = new Map<string, number>();

  constructor(private readonly intervalMs = 60_000) {}

  /**
   * Whether the use of `keyId` at `now` should be written; when it should, the slot is taken at
   * once, so concurrent requests with the same key do not all write. One entry per key that has
   * authenticated through this process: keys are issued by hand, so the map stays small.
   */
  claim(keyId: string, now: number): boolean {
    const last = this.#written.get(keyId);
    if (last !== undefined && now - last < this.intervalMs) return false;
    this.#written.set(keyId, now);
    return true;
  }
}
