/**
 * Complaint classification (docs/product.md §6): a suggested cause code for a complaint's free
 * text, which the agent confirms or replaces (recorded), and the training that learns it from
 * resolved complaints with codes (job `complaint-classifier`, or on demand), keeping each trained
 * model in the database with its accuracy on held-out complaints.
 *
 * Who may: suggesting needs `read` on the ticket, confirming `edit` (tickets/access.ts, the same
 * answers as the ticket's other commands); the model's figures `kpis.read`; training now
 * `policies.manage` — decided by the routes' permissions and, per ticket, by `ticketFor`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { accuracyOn, enoughToTrain, isHeldOut, suggestCause, trainNaiveBayes, type LabelledText, type NaiveBayesModel, type SuggestionResult } from '../../domain/classifier/cause-classifier.js';
import { ticketAccess, ticketFor, type UserActor } from '../tickets/access.js';
import { addEvent, who } from '../tickets/timeline.js';
import { assertCode } from '../tickets/use-cases/steps.js';
import { queryWords } from '../tickets/words.js';
import { activeCauses, confirmationCounts, labelledComplaints, lastConfirmation, modelById, newestTraining, recordConfirmation, saveModel, setTicketCause } from './repository.js';

/** The newest complaints a training reads: a year of a carrier's coded complaints is far more than the model needs. */
export const TRAINING_LIMIT = 50_000;

/** A text's words as jieba cuts them (each once: the model counts in how many complaints a word appears). */
export function complaintWords(text: string): string[] {
  return queryWords(text);
}

export interface TrainingResult {
  id: string;
  method: 'naive_bayes' | 'rules';
  samples: number;
  heldOut: number;
  /** share of the held-out complaints whose top suggestion was their cause; null when none were held out */
  accuracy: number | null;
  trainedAt: string;
}

/**
 * Trains on the newest resolved complaints with codes, holding out a fifth (a stable split by id)
 * to measure, and stores the result. Too little data: stores "rules" (measured the same way).
 */
export async function trainComplaintClassifier(db: Kysely<DB>, now = new Date()): Promise<TrainingResult> {
  const complaints = await labelledComplaints(db, TRAINING_LIMIT);
  const samples = complaints.map((c) => ({ id: c.id, code: c.code, text: c.text, words: complaintWords(c.text) }));
  const training: LabelledText[] = samples.filter((s) => !isHeldOut(s.id));
  const heldOut = samples.filter((s) => isHeldOut(s.id));
  const codes = new Set(training.map((s) => s.code)).size;
  const model = enoughToTrain(training.length, codes) ? trainNaiveBayes(training) : null;
  const accuracy = accuracyOn(model, heldOut);
  const method = model ? 'naive_bayes' : 'rules';
  const id = await saveModel(db, { method, samples: training.length, heldOut: heldOut.length, accuracy, model, trainedAt: now });
  return { id, method, samples: training.length, heldOut: heldOut.length, accuracy, trainedAt: now.toISOString() };
}

// The model of the newest training, read once per process and training (it is immutable once stored).
const models = new Map<string, NaiveBayesModel | null>();

async function currentModel(db: Kysely<DB>): Promise<{ id: string | null; model: NaiveBayesModel | null }> {
  const newest = await newestTraining(db);
  if (!newest) return { id: null, model: null };
  if (!models.has(newest.id)) {
    const stored = newest.method === 'naive_bayes' ? ((await modelById(db, newest.id)) as NaiveBayesModel | null) : null;
    if (models.size > 4) models.clear();
    models.set(newest.id, stored);
  }
  return { id: newest.id, model: models.get(newest.id) ?? null };
}

async function suggestionFor(db: Kysely<DB>, text: string): Promise<{ modelId: string | null; result: SuggestionResult; causes: Awaited<ReturnType<typeof activeCauses>> }> {
  const [{ id, model }, causes] = await Promise.all([currentModel(db), activeCauses(db)]);
  const result = suggestCause(model, text, complaintWords(text), new Set(causes.map((c) => c.code)));
  return { modelId: id, result, causes };
}

/** The suggested cause of a ticket, with its current cause and the last confirmation (reader of the ticket). */
export async function causeSuggestion(db: Kysely<DB>, actor: UserActor, ticketId: string) {
  const row = await ticketAccess(db, actor, ticketId, 'read');
  const { result, causes } = await suggestionFor(db, `${row.subject}\n${row.description}`);
  const names = new Map(causes.map((c) => [c.code, c]));
  const last = await lastConfirmation(db, ticketId);
  return {
    ticketId,
    version: row.version,
    kind: row.kind,
    causeCode: row.cause_code,
    /** a complaint without a cause is what the suggestion is for */
    needed: row.kind === 'complaint' && row.cause_code === null,
    method: result.method,
    suggestions: result.ranked.map((s) => ({ code: s.code, nameZh: names.get(s.code)?.name_zh ?? s.code, nameEn: names.get(s.code)?.name_en ?? s.code, score: s.score })),
    lastConfirmation: last
      ? { suggestedCode: last.suggested_code, chosenCode: last.chosen_code, accepted: last.accepted, by: last.display_name, at: new Date(last.at).toISOString() }
      : null,
  };
}

/**
 * The agent confirms the suggestion or chooses another code: the ticket's cause is set (a timeline
 * entry, like an edit) and what was suggested and chosen is recorded, in one transaction.
 */
export async function confirmCause(db: Kysely<DB>, actor: UserActor, ticketId: string, input: { code: string; version: number }) {
  // The suggestion the agent saw, worked out before the transaction (reads only; a reader check first).
  const read = await ticketAccess(db, actor, ticketId, 'read');
  const { modelId, result } = await suggestionFor(db, `${read.subject}\n${read.description}`);
  return inTransaction(db, async (trx) => {
    const row = await ticketFor(trx, actor, ticketId, 'edit', input.version);
    await assertCode(trx, input.code, 'cause');
    const suggested = result.ranked[0]?.code ?? null;
    if (row.cause_code !== input.code) await addEvent(trx, ticketId, who(actor), { kind: 'edit', from: row.cause_code, to: input.code, detail: { field: 'causeCode', suggested } });
    const version = await setTicketCause(trx, ticketId, input.code);
    await recordConfirmation(trx, { ticketId, suggestedCode: suggested, method: result.method, modelId, chosenCode: input.code, actorId: actor.id });
    return { ticketId, version, causeCode: input.code, suggestedCode: suggested, accepted: suggested === input.code };
  });
}

/** The newest training's figures and how agents answered the suggestions. */
export async function classifierStatus(db: Kysely<DB>) {
  const [newest, answers] = await Promise.all([newestTraining(db), confirmationCounts(db)]);
  return {
    training: newest
      ? { id: newest.id, method: newest.method as 'naive_bayes' | 'rules', samples: newest.samples, heldOut: newest.held_out, accuracy: newest.accuracy, trainedAt: new Date(newest.trained_at).toISOString() }
      : null,
    confirmations: answers,
  };
}
