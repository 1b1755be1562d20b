/**
 * Policies and calendars (策略与日历), docs/product.md §2 and §7: every rule admins and managers keep —
 * delivery time limits, ticket SLA, the business calendar, the phrase library, ticket codes and the
 * claims policy —
 * one tab each. The tab lives in the address (?tab=…) so a reload or a shared link opens it.
 */
import { Tabs } from 'antd';
import type { ReactElement } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useT, type MessageKey } from '../../i18n';
import CalendarTab from './CalendarTab';
import ForbiddenPhrasesTab from './ForbiddenPhrasesTab';
import SlaPolicyTab from './SlaPolicyTab';
import StandardPhrasesTab from './StandardPhrasesTab';
import TicketCodesTab from './TicketCodesTab';
import TimeLimitsTab from './TimeLimitsTab';
import ClaimsPolicyTab from '../claims/PolicyTab';

const TABS = [
  { key: 'time-limits', label: 'reference.tab.timeLimits', page: <TimeLimitsTab /> },
  { key: 'sla', label: 'reference.tab.sla', page: <SlaPolicyTab /> },
  { key: 'calendar', label: 'reference.tab.calendar', page: <CalendarTab /> },
  { key: 'standard-phrases', label: 'reference.tab.standardPhrases', page: <StandardPhrasesTab /> },
  { key: 'forbidden-phrases', label: 'reference.tab.forbiddenPhrases', page: <ForbiddenPhrasesTab /> },
  { key: 'ticket-codes', label: 'reference.tab.ticketCodes', page: <TicketCodesTab /> },
  { key: 'claims', label: 'claims.policy.tab', page: <ClaimsPolicyTab /> },
] as const satisfies readonly { key: string; label: MessageKey; page: ReactElement }[];

type TabKey = (typeof TABS)[number]['key'];

function isTab(value: string | null): value is TabKey {
  return TABS.some((tab) => tab.key === value);
}

export default function PoliciesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const active: TabKey = isTab(requested) ? requested : 'time-limits';

  return (
    <Tabs
      activeKey={active}
      onChange={(key) => setParams(key === 'time-limits' ? {} : { tab: key })}
      destroyOnHidden
      items={TABS.map((tab) => ({ key: tab.key, label: <span data-testid={`policies-tab-${tab.key}`}>{t(tab.label)}</span>, children: tab.page }))}
    />
  );
}
