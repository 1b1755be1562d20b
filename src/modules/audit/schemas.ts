import Type, { type Static } from 'typebox';
import { Nullable, PageQuery, Uuid } from '../../http/schemas.js';

export const AuditEntry = Type.Object({
  id: Uuid,
  at: Type.String({ format: 'date-time' }),
  actorId: Nullable(Uuid),
  actorName: Type.String(),
  action: Type.String(),
  subjectType: Nullable(Type.String()),
  subjectId: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditQuery = Type.Object(
  {
    action: Type.Optional(Type.String({ maxLength: 64 })),
    actorId: Type.Optional(Uuid),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'exclusive: entries before this instant' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const AuditPage = Type.Object({ items: Type.Array(AuditEntry), total: Type.Integer() });
export const AuditActions = Type.Object({ items: Type.Array(Type.String()) });
