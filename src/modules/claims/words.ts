import type { UserActor } from '../tickets/service.js';

/** Who a timeline entry names. */
export function who(actor: Pick<UserActor, 'id' | 'displayName'>) {
  return { id: actor.id, name: actor.displayName };
}
