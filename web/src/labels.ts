/** Translated labels for values the server sends as codes. */
import { isMessageKey, type Translate } from './i18n';
import type { SystemText } from './services/tickets';
import { STATUS_LIST, type AnyRole, type ExceptionKind } from './shared';

/** A staff role, or the machine role an API key can carry (integration). */
export function roleLabel(t: Translate, role: AnyRole): string {
  return t(`role.${role}`);
}

/** Known audit actions get their label; an action the console does not know yet shows its code. */
export function auditActionLabel(t: Translate, action: string): string {
  const key = `auditAction.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

export function subjectTypeLabel(t: Translate, subjectType: string): string {
  const key = `subjectType.${subjectType}`;
  return isMessageKey(key) ? t(key) : subjectType;
}

/** Audit actions recorded by the server so far (the action filter offers them). */
export const KNOWN_AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.locked',
  'user.create',
  'user.update',
  'user.password_reset',
  'user.unlock',
  'api_key.create',
  'api_key.revoke',
  'ticket.customer_reveal',
  'customer.create',
  'customer.edit',
  'customer.merge',
  'customer.reveal',
  'customer.account_add',
  'customer.settlement_task',
  'customer.task_done',
  'customer.requirements',
  'customer.tier_pin',
  'customer.tier_unpin',
  'shipment.reveal',
  'policy.change',
  'sla_policy.change',
  'claims_policy.change',
  'kpi_target.set',
  'calendar.update',
  'calendar_day.put',
  'calendar_day.delete',
  'standard_phrase.create',
  'standard_phrase.update',
  'forbidden_phrase.create',
  'forbidden_phrase.update',
  'phrase_guard.update',
  'ticket_code.create',
  'ticket_code.update',
  'demo.seed',
] as const;

// ---- Shipments and tracking ----

// Every kind the server raises (docs/product.md §1), in the order the board shows them. A Record, so a
// kind added on the server fails the type check here until the board knows it.
const EXCEPTION_KIND_ORDER: Record<ExceptionKind, true> = {
  delayed: true,
  stalled: true,
  lost: true,
  damaged: true,
  refused: true,
  undeliverable: true,
  returned: true,
  not_collected: true,
};
export const EXCEPTION_KINDS = Object.keys(EXCEPTION_KIND_ORDER) as ExceptionKind[];

/** A label when the console knows the code, the code itself otherwise (never a blank). */
export function labelOrKey(t: Translate, key: string, fallback: string): string {
  return isMessageKey(key) ? t(key) : fallback;
}

export function trackingStatusLabel(t: Translate, status: string): string {
  return labelOrKey(t, `trackingStatus.${status}`, status);
}

/** Sub-statuses are worded per status (a locker means "waiting" before signing, "signed" after). */
export function subStatusLabel(t: Translate, status: string, subStatus: string): string {
  return labelOrKey(t, `subStatus.${status}.${subStatus}`, subStatus);
}

/** A sub-status seen without its status (exception details): the first status that words it. */
export function anySubStatusLabel(t: Translate, subStatus: string): string {
  for (const status of STATUS_LIST) {
    const key = `subStatus.${status}.${subStatus}`;
    if (isMessageKey(key)) return t(key);
  }
  return subStatus;
}

export function exceptionKindLabel(t: Translate, kind: string): string {
  return labelOrKey(t, `exceptionKind.${kind}`, kind);
}

export function routeClassLabel(t: Translate, routeClass: string | null): string {
  if (!routeClass) return t('common.none');
  return labelOrKey(t, `routeClass.${routeClass}`, routeClass);
}

export function productLabel(t: Translate, product: string | null): string {
  if (!product) return t('common.none');
  return labelOrKey(t, `product.${product}`, product);
}

export function paymentTermLabel(t: Translate, term: string | null): string {
  if (!term) return t('common.none');
  return labelOrKey(t, `paymentTerm.${term}`, term);
}

export function notificationChannelLabel(t: Translate, channel: string): string {
  return labelOrKey(t, `notificationChannel.${channel}`, channel);
}

export function notificationStatusLabel(t: Translate, status: string): string {
  return labelOrKey(t, `notificationStatus.${status}`, status);
}

/** Exception notices are `exception.<kind>`: "异常告知 · 延误". Other templates show their code. */
export function notificationTemplateLabel(t: Translate, template: string): string {
  const match = /^exception\.(.+)$/.exec(template);
  if (match?.[1]) return t('notificationTemplate.exception', { kind: exceptionKindLabel(t, match[1]) });
  return labelOrKey(t, `notificationTemplate.${template}`, template);
}

export function policyRuleLabel(t: Translate, rule: string): string {
  return labelOrKey(t, `policyRule.${rule}`, rule);
}

export function policyUnitLabel(t: Translate, unit: string | undefined): string {
  if (!unit) return '';
  return labelOrKey(t, `policyUnit.${unit}`, unit);
}

export function eventSourceLabel(t: Translate, source: string): string {
  return labelOrKey(t, `eventSource.${source}`, source);
}

/**
 * What the system wrote on a ticket (the server's `systemText`), in the reader's language: the
 * exception it opened the ticket for, the exception that raised its priority, a reason a command
 * gave by itself. The Chinese text stored beside it is never shown in its place.
 */
export function systemTextLabel(t: Translate, said: NonNullable<SystemText>): string {
  switch (said.key) {
    case 'exceptionFound': {
      const kind = exceptionKindLabel(t, said.exceptionKind);
      return said.site ? t('tickets.systemText.exceptionFoundAt', { kind, site: said.site }) : t('tickets.systemText.exceptionFound', { kind });
    }
    case 'exceptionRaisedPriority':
      return t('tickets.systemText.exceptionRaisedPriority', { kind: exceptionKindLabel(t, said.exceptionKind) });
    case 'mergedInto':
      return t('tickets.systemText.mergedInto', { number: said.number });
    default:
      return t(`tickets.systemText.${said.key}`);
  }
}
