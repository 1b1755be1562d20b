/**
 * Complaint classification's queries: Kysely only, no rules.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface LabelledComplaint {
  id: string;
  text: string;
  code: string;
}

/** The newest resolved complaints whose cause was given (not merged away), at most `limit`. */
export async function labelledComplaints(db: Db, limit: number): Promise<LabelledComplaint[]> {
  const rows = await db
    .selectFrom('tickets')
    .select(['id', 'subject', 'description', 'cause_code'])
    .where('kind', '=', 'complaint')
    .where('resolved_at', 'is not', null)
    .where('cause_code', 'is not', null)
    .where('merged_into_id', 'is', null)
    .orderBy('resolved_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, text: `${r.subject}\n${r.description}`, code: r.cause_code! }));
}

export async function saveModel(db: Db, row: { method: 'naive_bayes' | 'rules'; samples: number; heldOut: number; accuracy: number | null; model: unknown; trainedAt: Date }): Promise<string> {
  const saved = await db
    .insertInto('complaint_classifier_models')
    .values({ method: row.method, samples: row.samples, held_out: row.heldOut, accuracy: row.accuracy, model: row.model === null ? null : JSON.stringify(row.model), trained_at: row.trainedAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return saved.id;
}

/** The newest training, without its model. */
export async function newestTraining(db: Db) {
  return db.selectFrom('complaint_classifier_models').select(['id', 'trained_at', 'method', 'samples', 'held_out', 'accuracy']).orderBy('trained_at', 'desc').orderBy('id').limit(1).executeTakeFirst();
}

export async function modelById(db: Db, id: string): Promise<unknown> {
  const row = await db.selectFrom('complaint_classifier_models').select('model').where('id', '=', id).executeTakeFirst();
  return row?.model ?? null;
}

export async function activeCauses(db: Db): Promise<{ code: string; name_zh: string; name_en: string }[]> {
  return db.selectFrom('ticket_codes').select(['code', 'name_zh', 'name_en']).where('kind', '=', 'cause').where('active', '=', true).orderBy('sort').orderBy('code').execute();
}

export async function recordConfirmation(
  trx: Transaction<DB>,
  row: { ticketId: string; suggestedCode: string | null; method: string; modelId: string | null; chosenCode: string; actorId: string },
): Promise<void> {
  await trx
    .insertInto('ticket_cause_confirmations')
    .values({
      ticket_id: row.ticketId,
      suggested_code: row.suggestedCode,
      method: row.method,
      model_id: row.modelId,
      chosen_code: row.chosenCode,
      accepted: row.suggestedCode === row.chosenCode,
      actor_id: row.actorId,
    })
    .execute();
}

export async function lastConfirmation(db: Db, ticketId: string) {
  return db
    .selectFrom('ticket_cause_confirmations as c')
    .innerJoin('users as u', 'u.id', 'c.actor_id')
    .select(['c.suggested_code', 'c.chosen_code', 'c.accepted', 'c.at', 'u.display_name'])
    .where('c.ticket_id', '=', ticketId)
    .orderBy('c.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** How the agents answered the suggestions: confirmed as suggested, or another code chosen. */
export async function confirmationCounts(db: Db): Promise<{ accepted: number; changed: number }> {
  const row = await db
    .selectFrom('ticket_cause_confirmations')
    .select((eb) => [eb.fn.countAll<string>().filterWhere('accepted', '=', true).as('accepted'), eb.fn.countAll<string>().filterWhere('accepted', '=', false).as('changed')])
    .executeTakeFirstOrThrow();
  return { accepted: Number(row.accepted), changed: Number(row.changed) };
}

/** Sets the ticket's cause and moves its version on (the caller holds the ticket's lock). */
export async function setTicketCause(trx: Transaction<DB>, ticketId: string, code: string): Promise<number> {
  const row = await trx
    .updateTable('tickets')
    .set({ cause_code: code, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', ticketId)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}
