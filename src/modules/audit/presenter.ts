import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../../db/schema.js';
import type { AuditEntry } from './schemas.js';

export function presentAuditEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    ip: row.ip,
    detail: row.detail,
  };
}
