import type { RequestContext } from '../../../domain/actor.js';
import { AppError } from '../../../domain/errors.js';
import { audit } from '../../audit/service.js';
import { readable, userOf } from '../access.js';
import { addressesOf, contactsOf } from '../repository.js';
import type { Deps } from './steps.js';

/**
 * The customer's personal data unmasked (name, phones, contacts, addresses), for whoever keeps the
 * record and may see personal data: the account manager of their own account, supervisors,
 * managers, the admin (access.ts). Everyone else who reads the customer is refused (403). The
 * reveal is audited before the data leaves (docs/product.md §5).
 */
export async function revealCustomerRecord(deps: Deps, ctx: RequestContext, id: string) {
  const actor = userOf(ctx.actor);
  const { row, actions } = await readable(deps.db, id, actor);
  if (!actions.has('reveal')) throw new AppError('FORBIDDEN');
  const [contacts, { addresses }] = await Promise.all([contactsOf(deps.db, row.id), addressesOf(deps.db, row.id)]);
  await audit(deps.db, ctx, { action: 'customer.reveal', subjectType: 'customer', subjectId: row.id, detail: { ground: row.account_manager_id === actor.id ? 'account_manager' : 'role' } });
  return {
    name: row.name,
    phone: row.phone,
    contacts: contacts.map((c) => ({ id: c.id, name: c.name, phones: c.phones, email: c.email, wechat: c.wechat })),
    addresses: addresses.filter((a) => a.removed_at === null).map((a) => ({ id: a.id, address: a.address, contactName: a.contact_name, contactPhone: a.contact_phone })),
  };
}
