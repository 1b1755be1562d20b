/** Words of the customer self-service pages for the codes the public ticket API sends. */
import { ApiError } from '../../api';
import type { Translate } from '../../i18n';
import { labelOrKey } from '../../labels';
import type { PublicAuthor } from '../../services/self-service';

/** Statuses in plain words for the customer ("等待您的回复"), not the console's terms. */
export const publicStatusLabel = (t: Translate, status: string) => labelOrKey(t, `selfService.status.${status}`, status);

/** 咨询 / 投诉 as the customer chose them; other kinds (a ticket the system opened) by their console name. */
export const publicKindLabel = (t: Translate, kind: string) =>
  labelOrKey(t, `selfService.kind.${kind}`, labelOrKey(t, `reference.ticketKind.${kind}`, kind));

export function isSettled(status: string): boolean {
  return status === 'resolved' || status === 'closed';
}

/** The failure to show beside a form: the server's message, or a plain "something went wrong". */
export function messageOf(t: Translate, error: unknown): string {
  if (error instanceof ApiError) return error.message;
  console.error(error);
  return t('error.unknown');
}

/**
 * Who wrote a message, as the customer reads it: 您, our staff by their role (客服专员, 客服主管 …;
 * never a name), or 系统通知 for what the system wrote (an exception notice).
 */
export function publicAuthorLabel(t: Translate, from: PublicAuthor, staffRole: string | null): string {
  if (from === 'customer') return t('selfService.from.customer');
  if (from === 'system') return t('selfService.from.system');
  return staffRole ? labelOrKey(t, `selfService.from.staff.${staffRole}`, t('selfService.from.staff')) : t('selfService.from.staff');
}

/** The label of a ticket's first time by who opened it: 提交时间 only for what the customer submitted. */
export function openedAtLabel(t: Translate, openedBy: PublicAuthor): string {
  return t(`selfService.ticket.openedAt.${openedBy}`);
}
