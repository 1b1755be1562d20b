import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/actor.js';
import { IdentityCache } from './identity-cache.js';

const user = (id: string, sessionId: string): Actor => ({ kind: 'user', id, username: id, displayName: id, role: 'agent', departmentId: null, sessionId });
const key = (id: string): Actor => ({ kind: 'apiKey', id, name: id, role: 'integration' });

describe('IdentityCache', () => {
  it('answers within its lifetime and not after', () => {
    const cache = new IdentityCache(5000);
    cache.set('t1', user('u1', 's1'), 'csrf', 1000);
    expect(cache.get('t1', 5999)?.csrfToken).toBe('csrf');
    expect(cache.get('t1', 6000)).toBeUndefined();
    expect(cache.get('t1', 1000)).toBeUndefined(); // an expired entry is dropped, not kept
  });

  it('never outlives the session it remembers', () => {
    const cache = new IdentityCache(5000);
    cache.set('t1', user('u1', 's1'), 'csrf', 1000, new Date(2000));
    expect(cache.get('t1', 1999)).toBeDefined();
    expect(cache.get('t1', 2000)).toBeUndefined();
  });

  it('remembers nothing when its lifetime is 0', () => {
    const cache = new IdentityCache(0);
    cache.set('t1', user('u1', 's1'), 'csrf', 1000);
    expect(cache.get('t1', 1000)).toBeUndefined();
  });

  it.each([
    ['a signed-out session', (c: IdentityCache) => c.forgetSession('s1'), ['t2', 't3', 'k1']],
    ['a changed user (all their sessions)', (c: IdentityCache) => c.forgetUser('u1'), ['t3', 'k1']],
    ['a revoked key', (c: IdentityCache) => c.forgetApiKey('k1'), ['t1', 't2', 't3']],
  ])('forgets %s and only that', (_label, forget, left) => {
    const cache = new IdentityCache(5000);
    cache.set('t1', user('u1', 's1'), 'a', 0);
    cache.set('t2', user('u1', 's2'), 'b', 0);
    cache.set('t3', user('u2', 's3'), 'c', 0);
    cache.set('k1', key('k1'), null, 0);
    forget(cache);
    expect(['t1', 't2', 't3', 'k1'].filter((t) => cache.get(t, 1) !== undefined)).toEqual(left);
  });

  it('evicts the least recently stored entry beyond its size', () => {
    const cache = new IdentityCache(5000, 2);
    cache.set('t1', user('u1', 's1'), 'a', 0);
    cache.set('t2', user('u2', 's2'), 'b', 0);
    cache.set('t1', user('u1', 's1'), 'a', 0); // stored again: now the newest
    cache.set('t3', user('u3', 's3'), 'c', 0);
    expect(['t1', 't2', 't3'].filter((t) => cache.get(t, 1) !== undefined)).toEqual(['t1', 't3']);
  });
});
