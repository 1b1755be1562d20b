import { describe, expect, it } from 'vitest';
import { ApiKeyUseThrottle } from './api-key-use.js';

describe('ApiKeyUseThrottle', () => {
  it('lets the first use of a key through, then one per interval', () => {
    const throttle = new ApiKeyUseThrottle(60_000);
    expect(throttle.claim('k1', 1_000)).toBe(true);
    expect(throttle.claim('k1', 1_000)).toBe(false); // a concurrent request with the same key
    expect(throttle.claim('k1', 60_999)).toBe(false);
    expect(throttle.claim('k1', 61_000)).toBe(true);
    expect(throttle.claim('k1', 61_001)).toBe(false);
  });

  it('counts each key on its own', () => {
    const throttle = new ApiKeyUseThrottle(60_000);
    expect(throttle.claim('k1', 1_000)).toBe(true);
    expect(throttle.claim('k2', 1_001)).toBe(true);
    expect(throttle.claim('k1', 1_002)).toBe(false);
  });
});
