/**
 * Rows → API shapes for customers. Personal data leaves masked (docs/product.md §5): a person's name,
 * phones, e-mail, WeChat and the street of an address. A company's registered name, its credit
 * code and its monthly account numbers are business facts and shown as they are.
 */
import type { Selectable } from 'kysely';
import type { CustomerAddressTable, CustomerAddressVersionTable, CustomerContactTable } from '../../db/schema.js';
import { maskAddress, maskName, maskPhone } from '../../domain/privacy.js';
import { regionLabel } from '../../domain/regions/index.js';
import type { CustomerAction } from './access.js';
import type { CustomerRow, TaskRow, linkedShipments, summariesOf, timelineOf } from './repository.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A person's name is personal data; a company's registered name is not. */
export function displayName(name: string, kind: string): string {
  return kind === 'enterprise' ? name : (maskName(name) ?? '');
}

/** ab@example.com → a*@example.com: the local part masked like a name, the domain kept. */
function maskEmail(email: string | null): string | null {
  if (!email) return email;
  const at = email.lastIndexOf('@');
  return at <= 0 ? maskName(email) : `${maskName(email.slice(0, at))}${email.slice(at)}`;
}

const manager = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);

export function presentProfile(row: CustomerRow) {
  return {
    id: row.id,
    name: displayName(row.name, row.kind),
    kind: row.kind,
    tier: row.tier,
    phone: maskPhone(row.phone),
    creditCode: row.credit_code,
    industry: row.industry,
    companyNature: row.company_nature,
    headcount: row.headcount,
    coverageArea: row.coverage_area,
    businessStatus: row.business_status,
    creditRating: row.credit_rating,
    creditLimitFen: row.credit_limit_fen === null ? null : Number(row.credit_limit_fen),
    note: row.note,
    accountManager: manager(row.account_manager_id, row.account_manager_name),
    monthlySettled: row.monthly_settled,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentActions(actions: Set<CustomerAction>) {
  return { edit: actions.has('edit'), reveal: actions.has('reveal'), merge: actions.has('merge'), assign: actions.has('assign'), pinTier: actions.has('pinTier') };
}

export function presentSummary(row: Awaited<ReturnType<typeof summariesOf>>[number], matchedBy?: string) {
  return {
    id: row.id,
    name: displayName(row.name, row.kind),
    kind: row.kind,
    tier: row.tier,
    phone: maskPhone(row.phone),
    creditCode: row.credit_code,
    monthlyAccounts: row.accounts,
    accountManager: manager(row.account_manager_id, row.account_manager_name),
    ...(matchedBy && { matchedBy }),
    createdAt: row.created_at.toISOString(),
  };
}

export function presentContact(row: Selectable<CustomerContactTable>) {
  return {
    id: row.id,
    name: maskName(row.name) ?? '',
    role: row.role,
    phones: row.phones.map((p) => maskPhone(p) ?? ''),
    email: maskEmail(row.email),
    wechat: maskName(row.wechat),
    callbackWindows: row.callback_windows,
    note: row.note,
  };
}

type AddressLike = Pick<CustomerAddressTable, 'kind' | 'address' | 'province' | 'city' | 'district' | 'contact_name' | 'contact_phone'>;

function addressFields(row: { [K in keyof AddressLike]: Selectable<CustomerAddressTable>[K] }) {
  const region = regionLabel(row.province, row.city, row.district);
  return {
    kind: row.kind,
    address: maskAddress(row.address, region) ?? '',
    region,
    provinceCode: row.province,
    cityCode: row.city,
    districtCode: row.district,
    contactName: maskName(row.contact_name),
    contactPhone: maskPhone(row.contact_phone),
  };
}

export function presentAddress(row: Selectable<CustomerAddressTable>, versions: Selectable<CustomerAddressVersionTable>[]) {
  return {
    id: row.id,
    ...addressFields(row),
    version: row.version,
    removed: row.removed_at !== null,
    history: versions.map((v) => ({ version: v.version, change: v.change, ...addressFields(v), at: v.at.toISOString(), by: v.actor_name })),
  };
}

export function presentShipment(row: Awaited<ReturnType<typeof linkedShipments>>[number]) {
  return {
    id: row.id,
    waybillNo: row.waybill_no,
    status: row.status,
    subStatus: row.sub_status,
    linkedBy: row.linked_by,
    monthlyAccount: row.monthly_account,
    paymentTerm: row.payment_term,
    freightFen: row.freight_fen,
    sender: { name: maskName(row.sender_name), region: row.sender_province ? regionLabel(row.sender_province, row.sender_city, row.sender_district) : null },
    recipient: {
      name: maskName(row.recipient_name),
      region: row.recipient_province ? regionLabel(row.recipient_province, row.recipient_city, row.recipient_district) : null,
    },
    pickedUpAt: iso(row.picked_up_at),
    deliveredAt: iso(row.delivered_at),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function presentTask(row: TaskRow) {
  return {
    id: row.id,
    customerId: row.customer_id,
    customerName: displayName(row.customer_name, row.customer_kind),
    kind: row.kind,
    status: row.status,
    assignee: manager(row.assignee_id, row.assignee_name),
    assigneeRole: row.assignee_role,
    detail: row.detail,
    createdAt: row.created_at.toISOString(),
    doneAt: iso(row.done_at),
    doneNote: row.done_note,
  };
}

export function presentTimelineEntry(row: Awaited<ReturnType<typeof timelineOf>>[number]) {
  return { id: row.id, at: row.at.toISOString(), kind: row.kind, actor: row.actor_name, detail: row.detail };
}
