import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { DB } from './db/schema.js';
import type { Actor, RequestContext } from './domain/actor.js';
import type { Permission } from './domain/roles.js';
import type { AttachmentStorage } from './modules/attachments/storage.js';
import type { ReferenceData } from './modules/reference/cache.js';
import type { TrackingContext } from './modules/tracking/context.js';
import type { PhoneCheckStore } from './modules/public-tracking/phone-check-guard.js';
import type { IdentityCache } from './http/identity-cache.js';
import type { Locale } from './http/locale.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>;
    config: Config;
    tracking: TrackingContext;
    /** Calendar, SLA policy, phrase guard and routing, cached per process (modules/reference/cache.ts). */
    reference: ReferenceData;
    /** Where attachment bytes live (local disk by default; modules/attachments/storage.ts). */
    attachments: AttachmentStorage;
    /** Sessions and API keys recently read (http/identity-cache.ts); forget what you end or change. */
    identities: IdentityCache;
    /** Wrong last-4 guesses per waybill and client on the public pages, in the database (modules/public-tracking/phone-check-guard.ts). */
    phoneChecks: PhoneCheckStore;
  }
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    /** Set when the request came with a session cookie: the token the CSRF header must match. */
    csrfToken: string | null;
    /** Who and from where, for services that audit. */
    context(): RequestContext;
  }
  interface FastifyContextConfig {
    /** What the caller must be allowed to do; absent together with `public` means any signed-in user. */
    permission?: Permission;
    /** Open to anyone, signed in or not. */
    public?: boolean;
    /**
     * The route checks text itself, item by item (domain/text.ts), and refuses only the bad item of
     * a batch: the tracking feeds and the shipments batch. Without it the edge refuses the request (http/text-check.ts).
     */
    textCheck?: 'per-item';
  }
}
