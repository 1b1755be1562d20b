/** Words of the customer self-service pages for the codes the public ticket API sends. */
import { ApiError } from '../../api';
import type { Translate } from '../../i18n';
import { labelOrKey } from '../../labels';

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
