/**
 * Claims (理赔, docs/product.md §3): the claims list with its filters and an exact waybill search,
 * and — for whoever decides claims at some level (agents up to their limit, supervisors, managers) —
 * the approval inbox: what awaits their level, oldest first; for supervisors and managers
 * (tickets.supervise) the month's chargebacks per station. The tab lives in the address (?tab=inbox).
 */
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { approvalLevelOf } from '../../../../src/domain/claims/approval';
import { useAuth } from '../../auth';
import { SUB_PAGE_PERMISSIONS } from '../../capabilities';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle, useT } from '../../i18n';
import type { Role } from '../../shared';
import { ChargebacksTab } from './Chargebacks';
import { ApprovalInbox } from './Inbox';
import { ClaimsList } from './List';

export default function ClaimsPage() {
  const t = useT();
  const { me, can } = useAuth();
  const [params, setParams] = useSearchParams();
  const decides = me ? approvalLevelOf(me.role as Role) !== null : false;
  const chargebacks = can(SUB_PAGE_PERMISSIONS.claimsChargebacks);
  const tab = params.get('tab');
  const active = decides && tab === 'inbox' ? 'inbox' : chargebacks && tab === 'chargebacks' ? 'chargebacks' : 'list';
  useDocumentTitle(t('claims.title'));

  return (
    <>
      <PageHeader title={t('claims.title')} subtitle={t('claims.subtitle')} />
      <Tabs
        activeKey={active}
        onChange={(key) => setParams(key === 'list' ? {} : { tab: key })}
        destroyOnHidden
        items={[
          { key: 'list', label: <span data-testid="claims-tab-list">{t('claims.tab.list')}</span>, children: <ClaimsList /> },
          ...(decides ? [{ key: 'inbox', label: <span data-testid="claims-tab-inbox">{t('claims.tab.inbox')}</span>, children: <ApprovalInbox /> }] : []),
          ...(chargebacks
            ? [{ key: 'chargebacks', label: <span data-testid="claims-tab-chargebacks">{t('claims.tab.chargebacks')}</span>, children: <ChargebacksTab /> }]
            : []),
        ]}
      />
    </>
  );
}
