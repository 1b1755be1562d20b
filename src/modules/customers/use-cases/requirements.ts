import type { Static } from 'typebox';
import type { RequestContext } from '../../../domain/actor.js';
import { inTransaction } from '../../../db/transaction.js';
import { audit } from '../../audit/service.js';
import { mayChange, userOf } from '../access.js';
import { addCustomerEvent } from '../repository.js';
import type { Requirements } from '../schemas.js';
import { author, type Deps } from './steps.js';

/**
 * What the account manager records beside the derived habits (个性化收派需求): packaging
 * requirements and the customer's choice factors (price, speed, safety, most important first).
 * Whoever may edit the record (its account manager, a supervisor or manager), at the version read.
 */
export async function setRequirements(deps: Deps, ctx: RequestContext, id: string, input: Static<typeof Requirements> & { version: number }) {
  const actor = userOf(ctx.actor);
  return inTransaction(deps.db, async (trx) => {
    await mayChange(trx, id, actor, 'edit', input.version);
    const saved = await trx
      .updateTable('customers')
      .set({ packaging_requirements: input.packagingRequirements.trim(), choice_factors: input.choiceFactors, version: (eb) => eb('version', '+', 1), updated_at: new Date() })
      .where('id', '=', id)
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    await addCustomerEvent(trx, id, author(actor), 'requirements_changed', { choiceFactors: input.choiceFactors });
    await audit(trx, ctx, { action: 'customer.requirements', subjectType: 'customer', subjectId: id, detail: {} });
    return saved;
  });
}
