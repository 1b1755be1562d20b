/**
 * The customer's quotation page (docs/product.md §4 "Paid service"), opened from the link the desk
 * sent: no sign-in; the last four digits of the customer's phone first, then the quotation — each
 * line, tax and 价税合计 in figures and capitals, the last valid day — to confirm or decline once,
 * and after the visit to accept it (验收确认) with their name. Phone width first: one column, large
 * touch targets, no table.
 */
import { Alert, Button, Card, Divider, Flex, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { LINE_KIND_LABELS, type LineKind } from '../../../../src/domain/service-orders/vat';
import { fenToYuan } from '../../format';
import { useDocumentTitle, useLocale, useT, type MessageKey } from '../../i18n';
import { acceptPublicVisit, answerPublicQuotation, openPublicQuotation, type PublicQuotation } from '../../services/paid-service';
import { messageOf } from '../service/labels';
import { PublicFrame } from '../service/PublicFrame';
import { isPhoneLast4 } from '../track/parse';

export default function QuotePage() {
  const t = useT();
  const { token = '' } = useParams();
  useDocumentTitle(t('quote.title'));
  const [phoneLast4, setPhoneLast4] = useState<string | null>(null);
  const [quote, setQuote] = useState<PublicQuotation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(messageOf(t, e));
    } finally {
      setBusy(false);
    }
  };
  const reload = (digits: string) => openPublicQuotation(token, digits).then(setQuote);

  return (
    <PublicFrame>
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('quote.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('quote.subtitle')}</Typography.Text>
      </Flex>
      {error && <Alert type="error" showIcon title={error} data-testid="quote-error" />}
      {!quote && (
        <Card>
          <Form
            layout="vertical"
            onFinish={(values: { phoneLast4: string }) =>
              run(async () => {
                await reload(values.phoneLast4);
                setPhoneLast4(values.phoneLast4);
              })
            }
          >
            <Form.Item
              name="phoneLast4"
              label={t('quote.check')}
              normalize={(value: string) => value.trim()}
              rules={[{ validator: (_, value: string | undefined) => (value && isPhoneLast4(value) ? Promise.resolve() : Promise.reject(new Error(t('selfService.v.phoneLast4')))) }]}
            >
              <Input size="large" inputMode="numeric" maxLength={4} autoComplete="off" placeholder={t('selfService.phoneLast4Placeholder')} style={{ maxWidth: 200 }} data-testid="quote-phone" />
            </Form.Item>
            <Button type="primary" size="large" block htmlType="submit" loading={busy} data-testid="quote-open">
              {t('quote.open')}
            </Button>
          </Form>
        </Card>
      )}
      {quote && phoneLast4 && <QuoteView quote={quote} busy={busy} run={run} token={token} phoneLast4={phoneLast4} reload={() => reload(phoneLast4)} />}
    </PublicFrame>
  );
}

function QuoteView({ quote, busy, run, token, phoneLast4, reload }: { quote: PublicQuotation; busy: boolean; run: (work: () => Promise<unknown>) => Promise<void>; token: string; phoneLast4: string; reload: () => Promise<void> }) {
  const t = useT();
  const { locale } = useLocale();
  const [declining, setDeclining] = useState(false);
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  return (
    <Flex vertical gap={12} data-testid="quote-view">
      <Card size="small">
        <Flex vertical gap={4}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {quote.subject}
          </Typography.Text>
          <Typography.Text type="secondary">{t('quote.number', { number: quote.number, notificationNo: quote.notificationNo })}</Typography.Text>
          <Typography.Text>{t('quote.validUntil', { date: quote.validUntil })}</Typography.Text>
          <Typography.Text data-testid="quote-state">{t('quote.state', { state: t(`paid.state.${quote.expired && quote.state === 'sent' ? 'expired' : quote.state}` as MessageKey) })}</Typography.Text>
        </Flex>
      </Card>
      <Card size="small">
        {quote.lines.map((l) => (
          <Flex key={l.position} justify="space-between" gap={8} style={{ padding: '6px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
            <Flex vertical>
              <Typography.Text>{`${LINE_KIND_LABELS[l.kind as LineKind][lang]} · ${l.description}`}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {`${t('quote.line', { quantity: l.quantity, unit: l.unit, price: fenToYuan(l.unitPriceFen) })} · ${l.rateBp / 100}%`}
              </Typography.Text>
            </Flex>
            <Typography.Text style={{ whiteSpace: 'nowrap' }}>{fenToYuan(l.amountFen + l.taxFen)}</Typography.Text>
          </Flex>
        ))}
        <Flex vertical gap={2} style={{ marginTop: 8 }}>
          <Flex justify="space-between">
            <Typography.Text type="secondary">{t('quote.net')}</Typography.Text>
            <Typography.Text>{fenToYuan(quote.totals.netFen)}</Typography.Text>
          </Flex>
          <Flex justify="space-between">
            <Typography.Text type="secondary">{t('quote.tax')}</Typography.Text>
            <Typography.Text>{fenToYuan(quote.totals.taxFen)}</Typography.Text>
          </Flex>
          <Flex justify="space-between" align="baseline">
            <Typography.Text strong>{t('quote.total')}</Typography.Text>
            <Typography.Text strong style={{ fontSize: 20 }} data-testid="quote-total">{`¥${fenToYuan(quote.totals.grossFen)}`}</Typography.Text>
          </Flex>
          <Typography.Text type="secondary" style={{ textAlign: 'right' }}>
            {quote.totals.grossInWords}
          </Typography.Text>
        </Flex>
      </Card>
      {quote.expired && quote.state === 'sent' && <Alert type="warning" showIcon title={t('quote.expired')} />}
      {quote.canAnswer && (
        <Flex vertical gap={8}>
          <Button type="primary" size="large" block loading={busy} onClick={() => run(async () => { await answerPublicQuotation(token, { phoneLast4, answer: 'confirm' }); await reload(); })} data-testid="quote-confirm">
            {t('quote.confirm')}
          </Button>
          {!declining && (
            <Button size="large" block danger onClick={() => setDeclining(true)} data-testid="quote-decline">
              {t('quote.decline')}
            </Button>
          )}
          {declining && (
            <Form layout="vertical" onFinish={(values: { reason?: string }) => run(async () => { await answerPublicQuotation(token, { phoneLast4, answer: 'decline', ...(values.reason?.trim() && { reason: values.reason.trim() }) }); await reload(); })}>
              <Form.Item name="reason" label={t('quote.declineReason')}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
              <Button size="large" block danger htmlType="submit" loading={busy} data-testid="quote-decline-submit">
                {t('quote.decline')}
              </Button>
            </Form>
          )}
        </Flex>
      )}
      {quote.state === 'declined' && <Result status="info" title={t('quote.declined')} />}
      {quote.canAccept && (
        <Card size="small" title={t('quote.accept.title')}>
          <Typography.Paragraph>{t('quote.confirmed')}</Typography.Paragraph>
          <Divider style={{ margin: '8px 0' }} />
          <Form layout="vertical" onFinish={(values: { name: string; remarks?: string }) => run(async () => { await acceptPublicVisit(token, { phoneLast4, name: values.name.trim(), ...(values.remarks?.trim() && { remarks: values.remarks.trim() }) }); await reload(); })}>
            <Form.Item name="name" label={t('quote.accept.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
              <Input size="large" maxLength={50} data-testid="quote-accept-name" />
            </Form.Item>
            <Form.Item name="remarks" label={t('quote.accept.remarks')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Button type="primary" size="large" block htmlType="submit" loading={busy} data-testid="quote-accept">
              {t('quote.accept.submit')}
            </Button>
          </Form>
        </Card>
      )}
      {(quote.state === 'accepted' || quote.state === 'invoiced') && <Result status="success" title={t('quote.accepted')} data-testid="quote-accepted" />}
      {quote.hotline && <Typography.Text type="secondary">{t('quote.hotline', { hotline: quote.hotline })}</Typography.Text>}
    </Flex>
  );
}
