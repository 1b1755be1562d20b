/** Labels of the reference-data codes the policies tabs show (ticket kinds, situations, categories …). */
import type { Translate } from '../../i18n';
import type { ClockBasis, CustomerTier, ForbiddenCategory, PhraseSituation, Placeholder, Priority, TicketKind } from '../../shared';

export const ticketKindLabel = (t: Translate, kind: TicketKind) => t(`reference.ticketKind.${kind}`);
export const priorityLabel = (t: Translate, priority: Priority) => t(`reference.priority.${priority}`);
export const tierLabel = (t: Translate, tier: CustomerTier) => t(`reference.tier.${tier}`);
export const basisLabel = (t: Translate, basis: ClockBasis) => t(`reference.basis.${basis}`);
export const situationLabel = (t: Translate, situation: PhraseSituation) => t(`reference.situation.${situation}`);
export const forbiddenCategoryLabel = (t: Translate, category: ForbiddenCategory) => t(`reference.forbidden.category.${category}`);
export const placeholderLabel = (t: Translate, name: Placeholder) => t(`reference.placeholder.${name}`);

/** Minutes as people say them: 30 分钟, 1 小时, 1 小时 30 分钟, 7 天. */
export function durationLabel(t: Translate, minutes: number): string {
  if (minutes === 1440) return t('reference.duration.oneDay');
  if (minutes >= 1440 && minutes % 1440 === 0) return t('reference.duration.days', { days: minutes / 1440 });
  if (minutes >= 60 && minutes % 60 === 0) return t('reference.duration.hours', { hours: minutes / 60 });
  if (minutes > 60) return t('reference.duration.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  return t('reference.duration.minutes', { minutes });
}

/** Colours of the forbidden-phrase categories, so a list reads at a glance. */
export const CATEGORY_COLORS: Record<ForbiddenCategory, string> = {
  addressing: 'magenta',
  questioning: 'volcano',
  shirking: 'gold',
  impatience: 'red',
  other: 'default',
};
