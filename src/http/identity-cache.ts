/**
 * Who a session or API key belongs to, remembered by this process for a few seconds, so a busy
 * agent's requests do not each begin with a session read (a round trip was a third of a search).
 *
 * What ends or changes an identity through this process (sign-out, a user disabled, their role,
 * team or password changed, a key revoked) forgets it at once. Another process of the same
 * deployment learns of such a change when its entry runs out: within `ttlMs`. A session is never
 * used past its own expiry.
 */
import type { Actor } from '../domain/actor.js';

interface Entry {
  actor: Actor;
  csrfToken: string | null;
  /** Epoch ms: the earlier of the cache's lifetime and the session's expiry. */
  validUntil: number;
}

export class IdentityCache {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 20_000,
  ) {}

  /** The identity cached for a token digest, if it is still good at `now`. */
  get(tokenHash: string, now: number): Entry | undefined {
    const entry = this.#entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.validUntil <= now) {
      this.#entries.delete(tokenHash);
      return undefined;
    }
    return entry;
  }

  set(tokenHash: string, actor: Actor, csrfToken: string | null, now: number, expiresAt?: Date): void {
    if (this.ttlMs <= 0) return;
    const validUntil = Math.min(now + this.ttlMs, expiresAt?.getTime() ?? Infinity);
    this.#entries.delete(tokenHash); // re-inserted last: the map's order is the eviction order
    this.#entries.set(tokenHash, { actor, csrfToken, validUntil });
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  /** Forgets the identities matching `which` (a signed-out session, a changed user, a revoked key). */
  forget(which: (actor: Actor) => boolean): void {
    for (const [key, entry] of this.#entries) if (which(entry.actor)) this.#entries.delete(key);
  }

  forgetSession(sessionId: string): void {
    this.forget((a) => a.kind === 'user' && a.sessionId === sessionId);
  }

  forgetUser(userId: string): void {
    this.forget((a) => a.kind === 'user' && a.id === userId);
  }

  forgetApiKey(keyId: string): void {
    this.forget((a) => a.kind === 'apiKey' && a.id === keyId);
  }
}
