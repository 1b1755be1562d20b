import { inTransaction } from '../../../db/transaction.js';
import type { Priority } from '../../../domain/sla/policy.js';
import { ticketFor, type UserActor } from '../access.js';
import type { TicketDeps } from '../deps.js';
import { replaceWaybills, touchTicket, type TicketPatch } from '../repository.js';
import { loadSettings } from '../settings.js';
import { addEvent, who } from '../timeline.js';
import { indexWords } from '../words.js';
import { retargetAll } from './priority.js';
import { assertCode, waybillsOfInput } from './steps.js';

export interface EditInput {
  priority?: Priority | undefined;
  categoryCode?: string | null | undefined;
  causeCode?: string | null | undefined;
  confidential?: boolean | undefined;
  subject?: string | undefined;
  waybillNos?: string[] | undefined;
  version: number;
}

/** Field changes, each its own timeline entry; a priority change re-targets the running clocks. */
export async function editTicket(deps: TicketDeps, actor: UserActor, id: string, input: EditInput) {
  const s = await loadSettings(deps);
  return inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, 'edit', input.version);
    const patch: TicketPatch = {};
    let words: string | undefined;
    const record = async (field: string, from: unknown, to: unknown) => {
      await addEvent(trx, id, who(actor), { kind: field === 'priority' ? 'priority' : 'edit', from: from == null ? null : String(from), to: to == null ? null : String(to), detail: { field } });
    };
    if (input.priority && input.priority !== row.priority) {
      patch.priority = input.priority;
      await record('priority', row.priority, input.priority);
    }
    if (input.categoryCode !== undefined && input.categoryCode !== row.category_code) {
      await assertCode(trx, input.categoryCode, 'category');
      patch.category_code = input.categoryCode;
      await record('categoryCode', row.category_code, input.categoryCode);
    }
    if (input.causeCode !== undefined && input.causeCode !== row.cause_code) {
      await assertCode(trx, input.causeCode, 'cause');
      patch.cause_code = input.causeCode;
      await record('causeCode', row.cause_code, input.causeCode);
    }
    if (input.confidential !== undefined && input.confidential !== row.confidential) {
      patch.confidential = input.confidential;
      await record('confidential', row.confidential, input.confidential);
    }
    if (input.subject !== undefined && input.subject !== row.subject) {
      patch.subject = input.subject;
      words = indexWords(input.subject);
      await record('subject', row.subject, input.subject);
    }
    if (input.waybillNos) {
      const wanted = waybillsOfInput(input.waybillNos);
      await replaceWaybills(trx, id, wanted);
      await record('waybillNos', null, wanted.join(', '));
    }
    const version = await touchTicket(trx, id, patch, words);
    if (input.priority && patch.priority) await retargetAll(trx, row, input.priority, s);
    return { version };
  });
}
