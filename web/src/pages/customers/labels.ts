/** Words for the codes the customers API sends, in the console's language. */
import type { Translate } from '../../i18n';
import { labelOrKey } from '../../labels';

export const customerKindLabel = (t: Translate, kind: string) => labelOrKey(t, `customers.kind.${kind}`, kind);
export const natureLabel = (t: Translate, nature: string) => labelOrKey(t, `customers.nature.${nature}`, nature);
export const businessStatusLabel = (t: Translate, status: string) => labelOrKey(t, `customers.status.${status}`, status);
export const addressKindLabel = (t: Translate, kind: string) => labelOrKey(t, `customers.addressKind.${kind}`, kind);
export const addressChangeLabel = (t: Translate, change: string) => labelOrKey(t, `customers.change.${change}`, change);
export const matchedByLabel = (t: Translate, how: string) => labelOrKey(t, `customers.matchedBy.${how}`, how);
export const linkedByLabel = (t: Translate, how: string) => labelOrKey(t, `customers.linkedBy.${how}`, how);
export const profileFieldLabel = (t: Translate, field: string) => {
  const key: Record<string, string> = {
    name: 'customers.field.name',
    kind: 'customers.field.kind',
    phone: 'customers.field.phone',
    credit_code: 'customers.field.creditCode',
    industry: 'customers.field.industry',
    company_nature: 'customers.field.companyNature',
    headcount: 'customers.field.headcount',
    coverage_area: 'customers.field.coverageArea',
    business_status: 'customers.field.businessStatus',
    credit_rating: 'customers.field.creditRating',
    credit_limit_fen: 'customers.field.creditLimit',
    note: 'customers.field.note',
    account_manager_id: 'customers.field.manager',
  };
  return labelOrKey(t, key[field] ?? field, field);
};
