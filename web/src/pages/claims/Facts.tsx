/**
 * The facts a claim is judged on, as they were kept when it was opened (the parcel may have changed
 * since): insured or not, declared and insured value, insurance fee, freight, payment term and
 * account, pickup, the promise and delivery, the shipment's exceptions and its scans.
 */
import { Card, Collapse, Descriptions, Empty, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime, gramsToKg } from '../../format';
import { useLocale, useT } from '../../i18n';
import { exceptionKindLabel, subStatusLabel, trackingStatusLabel } from '../../labels';
import { shipmentPath } from '../../paths';
import type { ClaimDetail } from '../../services/claims';
import { paymentTermLabel, yuan } from './labels';

interface Scan {
  at: string;
  status: string;
  subStatus: string | null;
  site: string | null;
}
interface ExceptionFact {
  kind: string;
  raisedAt: string;
  clearedAt: string | null;
  site: string | null;
}
export interface ClaimFacts {
  insured?: boolean;
  declaredValueFen?: number | null;
  insuredValueFen?: number | null;
  insuranceFeeFen?: number;
  freightFen?: number;
  paymentTerm?: string;
  monthlyAccount?: string | null;
  customerTier?: string;
  pickedUpAt?: string | null;
  promisedAt?: string | null;
  deliveredAt?: string | null;
  filedAt?: string;
  pastPromisedTime?: boolean;
  damagedShareBp?: number | null;
  assessedValueFen?: number | null;
  weightAtPickupGrams?: number | null;
  weightAtDeliveryGrams?: number | null;
  perishable?: boolean;
  timeCritical?: boolean;
  scans?: Scan[];
  exceptions?: ExceptionFact[];
}

export function factsOf(claim: ClaimDetail): ClaimFacts {
  return claim.facts as ClaimFacts;
}

export function FactsCard({ claim, claimant }: { claim: ClaimDetail; claimant: string }) {
  const t = useT();
  const { locale } = useLocale();
  const f = factsOf(claim);
  const none = t('common.none');
  const time = (iso: string | null | undefined) => (iso ? formatDateTime(iso) : none);
  const scans = f.scans ?? [];
  const exceptions = f.exceptions ?? [];

  return (
    <Card size="small" title={t('claims.facts.title')} data-testid="claim-facts">
      <Descriptions size="small" column={{ xs: 1, md: 2, xxl: 3 }} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('claims.facts.waybill')}>
          <Link to={shipmentPath(claim.waybillNo)}>{claim.waybillNo}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('claims.facts.claimant')}>{claimant}</Descriptions.Item>
        <Descriptions.Item label={t('claims.facts.claimed')}>
          <span data-testid="fact-claimed">{yuan(claim.claimedFen, locale)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('claims.facts.insured')}>
          {f.insured ? <Tag color="green">{t('claims.facts.insuredYes')}</Tag> : <Tag>{t('claims.facts.insuredNo')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('claims.facts.declared')}>{f.declaredValueFen == null ? none : yuan(f.declaredValueFen, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('claims.facts.insuredValue')}>{f.insuredValueFen == null ? none : yuan(f.insuredValueFen, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('claims.facts.insuranceFee')}>{yuan(f.insuranceFeeFen ?? 0, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('claims.facts.freight')}>{yuan(f.freightFen ?? 0, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('claims.facts.paymentTerm')}>
          <span data-testid="fact-payment-term">
            {paymentTermLabel(f.paymentTerm, locale) || none}
            {f.paymentTerm === 'monthly' && ` · ${f.monthlyAccount ?? t('claims.facts.noAccount')}`}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('claims.facts.pickedUp')}>{time(f.pickedUpAt)}</Descriptions.Item>
        <Descriptions.Item label={t('claims.facts.promised')}>
          {time(f.promisedAt)}
          {f.pastPromisedTime && (
            <Tag color="red" style={{ marginInlineStart: 8 }}>
              {t('claims.facts.late')}
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('claims.facts.delivered')}>{time(f.deliveredAt)}</Descriptions.Item>
        <Descriptions.Item label={t('claims.facts.filed')}>{time(f.filedAt ?? claim.createdAt)}</Descriptions.Item>
        {f.damagedShareBp != null && <Descriptions.Item label={t('claims.facts.share')}>{`${f.damagedShareBp / 100}%`}</Descriptions.Item>}
        {f.assessedValueFen != null && <Descriptions.Item label={t('claims.facts.assessed')}>{yuan(f.assessedValueFen, locale)}</Descriptions.Item>}
        {f.weightAtDeliveryGrams != null && (
          <Descriptions.Item label={t('claims.facts.weights')}>
            {t('claims.facts.weightsValue', { pickup: f.weightAtPickupGrams == null ? none : gramsToKg(f.weightAtPickupGrams), delivery: gramsToKg(f.weightAtDeliveryGrams) })}
          </Descriptions.Item>
        )}
        {(f.perishable || f.timeCritical) && (
          <Descriptions.Item label={t('claims.facts.declaredFlags')}>
            {f.perishable && <Tag>{t('claims.facts.perishable')}</Tag>}
            {f.timeCritical && <Tag>{t('claims.facts.timeCritical')}</Tag>}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('claims.facts.description')} span="filled">
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{claim.description}</Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={t('claims.facts.exceptions')} span="filled">
          {exceptions.length === 0
            ? none
            : exceptions.map((e, i) => (
                <Tag key={i} color={e.clearedAt ? 'default' : 'red'} data-testid="fact-exception">
                  {exceptionKindLabel(t, e.kind)} · {formatDateTime(e.raisedAt)}
                  {e.site ? ` · ${e.site}` : ''}
                </Tag>
              ))}
        </Descriptions.Item>
      </Descriptions>
      <Collapse
        size="small"
        ghost
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'scans',
            label: t('claims.facts.scans', { count: scans.length }),
            children:
              scans.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('claims.facts.noScans')} />
              ) : (
                <Table<Scan>
                  size="small"
                  rowKey={(s) => `${s.at}-${s.status}-${s.site ?? ''}`}
                  pagination={false}
                  dataSource={scans}
                  columns={[
                    { title: t('claims.facts.scanTime'), dataIndex: 'at', width: 180, render: (at: string) => formatDateTime(at) },
                    {
                      title: t('claims.facts.scanStatus'),
                      key: 'status',
                      render: (_, s) => (s.subStatus ? subStatusLabel(t, s.status, s.subStatus) : trackingStatusLabel(t, s.status)),
                    },
                    { title: t('claims.facts.scanSite'), dataIndex: 'site', render: (site: string | null) => site ?? none },
                  ]}
                />
              ),
          },
        ]}
      />
    </Card>
  );
}
