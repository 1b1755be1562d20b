/**
 * Self-service claims, the start (docs/product.md §3): without signing in, the sender or the
 * recipient passes the phone check (waybill and the last 4 digits of their phone) and files a claim
 * — what happened, the amount in yuan, a description — or finds their claims again. A notice's link
 * (/claim?waybill=…) fills the waybill in. Phone width first: one column, large touch targets.
 */
import { Alert, Button, Card, Empty, Flex, Form, Input, Radio, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CLAIM_STATE_LABELS, CLAIM_TYPE_LABELS } from '../../../../src/domain/claims/labels';
import type { ClaimState } from '../../../../src/domain/claims/claim-state';
import { CLAIM_TYPES, type ClaimType } from '../../../../src/domain/claims/policy';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useLocale, useT, type Translate } from '../../i18n';
import { CLAIM_DESCRIPTION_MAX, claimPath, lookupPublicClaims, openPublicClaim, type PublicClaimFound } from '../../services/claims-self-service';
import { WAYBILL_PATTERN } from '../../shared';
import { messageOf } from '../service/labels';
import { PublicFrame } from '../service/PublicFrame';
import { isPhoneLast4 } from '../track/parse';

const WAYBILL = new RegExp(WAYBILL_PATTERN);
/** Yuan with at most two decimals, as the server reads it (domain/claims/amounts.ts). */
const YUAN = /^\d{1,9}(\.\d{1,2})?$/;

function PhoneCheck({ t, idPrefix }: { t: Translate; idPrefix: string }) {
  return (
    <>
      <Form.Item
        name="waybillNo"
        label={t('selfService.waybill')}
        normalize={(value: string) => value.trim()}
        rules={[
          { required: true, message: t('selfService.v.waybill') },
          { pattern: WAYBILL, message: t('selfService.v.waybillFormat') },
        ]}
      >
        <Input size="large" placeholder={t('selfService.waybillPlaceholder')} autoComplete="off" spellCheck={false} data-testid={`${idPrefix}-waybill`} />
      </Form.Item>
      <Form.Item
        name="phoneLast4"
        label={t('selfService.phoneLast4')}
        extra={t('selfService.phoneLast4Hint')}
        normalize={(value: string) => value.trim()}
        rules={[{ validator: (_, value: string | undefined) => (value && isPhoneLast4(value) ? Promise.resolve() : Promise.reject(new Error(t('selfService.v.phoneLast4')))) }]}
      >
        <Input size="large" inputMode="numeric" maxLength={4} autoComplete="off" placeholder={t('selfService.phoneLast4Placeholder')} style={{ maxWidth: 200 }} data-testid={`${idPrefix}-phone`} />
      </Form.Item>
    </>
  );
}

interface OpenValues {
  waybillNo: string;
  phoneLast4: string;
  type: ClaimType;
  claimedYuan: string;
  description: string;
}

export default function ClaimStartPage() {
  const t = useT();
  const [params] = useSearchParams();
  const [tab, setTab] = useState<'open' | 'lookup'>(params.get('view') === 'lookup' ? 'lookup' : 'open');
  useDocumentTitle(t('claimSelf.title'));
  const waybillNo = params.get('waybill') ?? '';
  return (
    <PublicFrame>
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('claimSelf.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('claimSelf.subtitle')}</Typography.Text>
      </Flex>
      <Segmented
        block
        size="large"
        value={tab}
        onChange={(value) => setTab(value as 'open' | 'lookup')}
        options={[
          { value: 'open', label: t('claimSelf.tab.open') },
          { value: 'lookup', label: t('claimSelf.tab.lookup') },
        ]}
        data-testid="claim-tabs"
      />
      {tab === 'open' ? <OpenForm waybillNo={waybillNo} /> : <LookupForm waybillNo={waybillNo} />}
    </PublicFrame>
  );
}

function OpenForm({ waybillNo }: { waybillNo: string }) {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const [form] = Form.useForm<OpenValues>();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(values: OpenValues) {
    setSending(true);
    setFailure(null);
    try {
      const opened = await openPublicClaim({ ...values, claimedYuan: values.claimedYuan.trim(), description: values.description.trim() });
      void navigate(claimPath(opened.token));
    } catch (error) {
      setFailure(messageOf(t, error));
      setSending(false);
    }
  }

  return (
    <Card data-testid="claim-open">
      <Form<OpenValues> form={form} layout="vertical" requiredMark={false} initialValues={{ waybillNo }} onFinish={(v) => void submit(v)}>
        <PhoneCheck t={t} idPrefix="claim-open" />
        <Form.Item name="type" label={t('claimSelf.type')} rules={[{ required: true, message: t('claimSelf.v.type') }]}>
          <Radio.Group style={{ width: '100%' }} data-testid="claim-open-type">
            <Flex vertical gap={8}>
              {CLAIM_TYPES.map((type) => (
                <Radio key={type} value={type} style={{ minHeight: 32, alignItems: 'center' }} data-testid={`claim-type-${type}`}>
                  {CLAIM_TYPE_LABELS[type][locale]}
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="claimedYuan"
          label={t('claimSelf.amount')}
          extra={t('claimSelf.amountHint')}
          normalize={(value: string) => value.replace(/[^\d.]/g, '')}
          rules={[{ validator: (_, value: string | undefined) => (value && YUAN.test(value) && Number(value) > 0 ? Promise.resolve() : Promise.reject(new Error(t('claimSelf.v.amount')))) }]}
        >
          <Input size="large" inputMode="decimal" autoComplete="off" prefix="¥" suffix={t('claimSelf.amountSuffix')} placeholder={t('claimSelf.amountPlaceholder')} style={{ maxWidth: 240 }} data-testid="claim-open-amount" />
        </Form.Item>
        <Form.Item name="description" label={t('claimSelf.description')} rules={[{ required: true, whitespace: true, message: t('claimSelf.v.description') }]}>
          <Input.TextArea rows={4} maxLength={CLAIM_DESCRIPTION_MAX} showCount placeholder={t('claimSelf.descriptionPlaceholder')} data-testid="claim-open-description" />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="claim-open-error" />}
        <Button type="primary" size="large" block htmlType="submit" loading={sending} data-testid="claim-open-submit">
          {t('claimSelf.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function LookupForm({ waybillNo }: { waybillNo: string }) {
  const t = useT();
  const { locale } = useLocale();
  const [found, setFound] = useState<PublicClaimFound[] | null>(null);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(values: { waybillNo: string; phoneLast4: string }) {
    setSending(true);
    setFailure(null);
    try {
      setFound((await lookupPublicClaims(values)).claims);
    } catch (error) {
      setFound(null);
      setFailure(messageOf(t, error));
    } finally {
      setSending(false);
    }
  }

  return (
    <Card data-testid="claim-lookup">
      <Typography.Paragraph type="secondary">{t('claimSelf.lookup.intro')}</Typography.Paragraph>
      <Form layout="vertical" requiredMark={false} initialValues={{ waybillNo }} onFinish={(v: { waybillNo: string; phoneLast4: string }) => void submit(v)}>
        <PhoneCheck t={t} idPrefix="claim-lookup" />
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="claim-lookup-error" />}
        <Button type="primary" size="large" block htmlType="submit" loading={sending} data-testid="claim-lookup-submit">
          {t('claimSelf.lookupSubmit')}
        </Button>
      </Form>
      {found &&
        (found.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('claimSelf.lookup.none')} style={{ marginTop: 16 }} />
        ) : (
          <Flex vertical gap={8} style={{ marginTop: 16 }} data-testid="claim-lookup-results">
            {found.map((c) => (
              <Link key={c.id} to={claimPath(c.token)}>
                <Card size="small" hoverable>
                  <Flex justify="space-between" align="center" gap={8} wrap>
                    <Typography.Text strong>{t('claimSelf.claim.title', { type: CLAIM_TYPE_LABELS[c.type as ClaimType]?.[locale] ?? c.type })}</Typography.Text>
                    <Tag>{CLAIM_STATE_LABELS[c.state as ClaimState]?.[locale] ?? c.state}</Tag>
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(c.createdAt).slice(0, 16)}
                  </Typography.Text>
                </Card>
              </Link>
            ))}
          </Flex>
        ))}
    </Card>
  );
}
