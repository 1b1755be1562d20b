/** Service notifications as the API shows them: labels in the caller's language, instants as ISO strings. */
import {
  findCode,
  NOTIFICATION_TYPE_DEFS,
  SYSTEM_STATUS_LABELS,
  type CatalogKind,
  type CodeGroup,
  type NotificationType,
  type StatusProfile,
  type SystemStatus,
} from '../../domain/service-orders/index.js';
import type { Locale } from '../../http/locale.js';
import type { NotificationRow } from './repository.js';

const iso = (d: Date | string) => new Date(d).toISOString();

export function userStatusView(type: string, code: string, locale: Locale) {
  const def = NOTIFICATION_TYPE_DEFS[type as NotificationType]?.profile.statuses.find((s) => s.code === code);
  return { code, label: def ? def.label[locale] : code };
}

export function systemStatusView(code: string, locale: Locale) {
  return { code, label: SYSTEM_STATUS_LABELS[code as SystemStatus]?.[locale] ?? code };
}

export interface SummaryRow {
  id: string;
  number: string;
  type: string;
  short_text: string;
  urgent: boolean;
  user_status: string;
  system_status: string;
  sold_to_id: string;
  sold_to_name: string;
  ship_to_id: string;
  ship_to_name: string;
  main_work_center_id: string;
  main_work_center_code: string;
  responsible_user_id: string | null;
  responsible_name: string | null;
  required_start: Date | string;
  expected_end: Date | string;
  created_at: Date | string;
  version: number;
}

export function presentSummary(r: SummaryRow, locale: Locale) {
  return {
    id: r.id,
    number: r.number,
    type: r.type,
    shortText: r.short_text,
    urgent: r.urgent,
    userStatus: userStatusView(r.type, r.user_status, locale),
    systemStatus: systemStatusView(r.system_status, locale),
    soldTo: { id: r.sold_to_id, name: r.sold_to_name },
    shipTo: { id: r.ship_to_id, name: r.ship_to_name },
    mainWorkCenter: { id: r.main_work_center_id, code: r.main_work_center_code },
    responsible: r.responsible_user_id ? { id: r.responsible_user_id, name: r.responsible_name ?? '' } : null,
    requiredStart: iso(r.required_start),
    expectedEnd: iso(r.expected_end),
    createdAt: iso(r.created_at),
    version: r.version,
  };
}

function codeView(groups: CodeGroup[], catalog: CatalogKind, group: string | null, code: string | null, locale: Locale) {
  if (!group || !code) return null;
  // a code retired from the catalog since still shows, by its number
  return { group, code, label: findCode(groups, catalog, { group, code })?.label[locale] ?? `${group}/${code}` };
}

export interface DetailFacts {
  names: Map<string, string>;
  workCenters: Map<string, { id: string; code: string; name: string }>;
  address: { id: string; address: string; contact_name: string | null } | null;
  reference: { id: string; number: string } | null;
  items: {
    position: number;
    product_type: string | null;
    colour_code: string | null;
    material: string | null;
    quantity: number;
    reason_group: string;
    reason_code: string;
    damage_group: string | null;
    damage_code: string | null;
    reason_text: string;
  }[];
  events: {
    kind: string;
    from_user_status: string | null;
    to_user_status: string | null;
    from_system_status: string | null;
    to_system_status: string | null;
    cause_group: string | null;
    cause_code: string | null;
    note: string | null;
    document_no?: string | null;
    from_state?: string | null;
    to_state?: string | null;
    actor_name: string;
    at: Date | string;
  }[];
  groups: CodeGroup[];
  allowed: { statuses: string[]; system: string[]; change: boolean };
}

export function presentDetail(n: NotificationRow, f: DetailFacts, locale: Locale) {
  const type = n.type as NotificationType;
  const named = (id: string) => ({ id, name: f.names.get(id) ?? '' });
  const wc = (id: string) => f.workCenters.get(id) ?? { id, code: '', name: '' };
  return {
    id: n.id,
    number: n.number,
    type: n.type,
    typeLabel: NOTIFICATION_TYPE_DEFS[type].label[locale],
    reference: f.reference,
    ticketId: n.ticket_id,
    shortText: n.short_text,
    longText: n.long_text,
    urgent: n.urgent,
    userStatus: userStatusView(n.type, n.user_status, locale),
    systemStatus: systemStatusView(n.system_status, locale),
    soldTo: named(n.sold_to_id),
    shipTo: named(n.ship_to_id),
    responsible: n.responsible_user_id ? named(n.responsible_user_id) : null,
    reporterName: n.reporter_name,
    originalDocumentNo: n.original_document_no,
    originalDocumentDate: n.original_document_date,
    requiredStart: iso(n.required_start),
    expectedEnd: iso(n.expected_end),
    mainWorkCenter: wc(n.main_work_center_id),
    processingWorkCenter: n.processing_work_center_id ? wc(n.processing_work_center_id) : null,
    salesOrg: n.sales_org,
    distributionChannel: n.distribution_channel,
    division: n.division,
    salesOffice: n.sales_office,
    salesGroup: n.sales_group,
    serviceAddress: f.address ? { id: f.address.id, address: f.address.address, contactName: f.address.contact_name } : null,
    cause: codeView(f.groups, 'cause', n.cause_group, n.cause_code, locale),
    completedAt: n.completed_at ? iso(n.completed_at) : null,
    items: f.items.map((i) => ({
      position: i.position,
      productType: i.product_type,
      colourCode: i.colour_code,
      material: i.material,
      quantity: i.quantity,
      reason: codeView(f.groups, 'reason', i.reason_group, i.reason_code, locale)!,
      damage: codeView(f.groups, 'damage', i.damage_group, i.damage_code, locale),
      reasonText: i.reason_text,
    })),
    history: f.events.map((e) => ({
      kind: e.kind,
      fromUserStatus: e.from_user_status,
      toUserStatus: e.to_user_status,
      fromSystemStatus: e.from_system_status,
      toSystemStatus: e.to_system_status,
      cause: e.cause_group && e.cause_code ? codeView(f.groups, 'cause', e.cause_group, e.cause_code, locale)!.label : null,
      note: e.note,
      documentNo: e.document_no ?? null,
      fromState: e.from_state ?? null,
      toState: e.to_state ?? null,
      actorName: e.actor_name,
      at: iso(e.at),
    })),
    allowed: { statuses: f.allowed.statuses.map((code) => userStatusView(n.type, code, locale)), system: f.allowed.system, change: f.allowed.change },
    createdAt: iso(n.created_at),
    updatedAt: iso(n.updated_at),
    version: n.version,
  };
}

/** A status profile as the console's admin page and status bar read it. */
export function presentProfile(type: NotificationType, profile: StatusProfile, locale: Locale) {
  const def = NOTIFICATION_TYPE_DEFS[type];
  return {
    type,
    typeLabel: def.label[locale],
    profile: profile.code,
    initial: profile.initial,
    expectedEnd: def.expectedEnd,
    statuses: profile.statuses.map((s) => ({
      code: s.code,
      number: s.number,
      label: s.label[locale],
      next: profile.statuses.filter((t) => s.next && t.code !== s.code && t.number >= s.next.lowest && t.number <= s.next.highest).map((t) => t.code),
      lowest: s.next?.lowest ?? null,
      highest: s.next?.highest ?? null,
      setBy: [...s.setBy],
      mayComplete: s.mayComplete,
    })),
    completeBy: [...profile.completeBy],
    reopenBy: [...profile.reopenBy],
  };
}
