import type { AnyRole, Role } from './roles.js';

/** Who is making a request: a signed-in person or a machine client with an API key. */
export type Actor =
  | {
      kind: 'user';
      id: string;
      username: string;
      displayName: string;
      role: Role;
      departmentId: string | null;
      sessionId: string;
    }
  | { kind: 'apiKey'; id: string; name: string; role: AnyRole };

/** The facts every audited change carries besides its own detail. */
export interface RequestContext {
  actor: Actor | null;
  ip: string | null;
}

export function actorLabel(actor: Actor): string {
  return actor.kind === 'user' ? actor.username : `api-key:${actor.name}`;
}
