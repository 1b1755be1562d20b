/**
 * The customer follows the claims of a ticket with its secret link (/claim/t/:token; docs/product.md
 * §3): each claim's state in plain words, the evidence checklist for its type with what they uploaded
 * and how it was reviewed, an upload per item from the phone (camera or files; a photo item takes a
 * photo), the offer — the approved amount and how it is paid — to accept once or dispute with a
 * reason, a rejection with its reason and how to appeal, and what was paid. Phone width first.
 */
import { CameraOutlined, CheckCircleFilled, ClockCircleOutlined, CloseCircleFilled, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { CLAIM_STATE_LABELS, CLAIM_TYPE_LABELS, EVIDENCE_ITEM_LABELS, EVIDENCE_REVIEW_LABELS, formatYuan } from '../../../../src/domain/claims/labels';
import type { ClaimState } from '../../../../src/domain/claims/claim-state';
import type { ClaimType, EvidenceItem } from '../../../../src/domain/claims/policy';
import type { EvidenceReview } from '../../../../src/domain/claims/evidence';
import { TimeZoneHint } from '../../components/TimeZoneHint';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useLocale, useT, type MessageKey } from '../../i18n';
import { acceptClaimOffer, disputeClaim, DISPUTE_REASON_MAX, getPublicClaims, uploadClaimEvidence, type PublicClaim } from '../../services/claims-self-service';
import { followPath } from '../../services/self-service';
import { ATTACHMENT_MAX_BYTES } from '../../shared';
import { messageOf } from '../service/labels';
import { LinkLoadStatus, useLinkLoad } from '../service/link-page';
import { PublicFrame } from '../service/PublicFrame';
import { publicTimeZone } from '../track/public-times';

const STATE_COLORS: Partial<Record<ClaimState, string>> = { approved: 'green', settled: 'green', rejected: 'red', disputed: 'orange', awaiting_evidence: 'gold', proposed: 'blue' };
const REVIEW_ICONS: Record<EvidenceReview, React.ReactNode> = {
  pending: <ClockCircleOutlined style={{ color: '#faad14' }} />,
  accepted: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  rejected: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
};
/** What the phone offers for an item: the camera and photos for a photo item, also files (PDF) for the rest (domain/claims/evidence.ts). */
const PHOTO_ITEMS: readonly string[] = ['outer_packaging_photo', 'item_photo'];

export default function ClaimFollowPage() {
  const t = useT();
  const { token = '' } = useParams();
  const { loaded, data, load } = useLinkLoad(token, getPublicClaims);
  useDocumentTitle(data ? t('claimSelf.page.ticket', { number: data.ticketNumber }) : t('claimSelf.page.title'));

  return (
    <PublicFrame>
      <LinkLoadStatus loaded={loaded} reload={() => void load()} back={{ to: '/claim', label: t('claimSelf.notFound.back'), hint: t('claimSelf.notFound.hint') }} testId="claim" />
      {data && (
        <>
          <Card size="small">
            <Flex vertical gap={4}>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="claim-ticket-number">
                {t('claimSelf.page.ticket', { number: data.ticketNumber })}
              </Typography.Title>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('claimSelf.page.keepLink')}
              </Typography.Text>
              <TimeZoneHint zone={publicTimeZone(data.timeZone)} />
              <Flex gap={16} wrap>
                <Link to={followPath(token)}>{t('claimSelf.page.conversation')}</Link>
                <Link to="/claim">{t('claimSelf.page.back')}</Link>
              </Flex>
            </Flex>
          </Card>
          {data.claims.length === 0 ? (
            <Card>
              <Empty description={t('claimSelf.page.none')} />
            </Card>
          ) : (
            data.claims.map((claim) => <ClaimCard key={claim.id} claim={claim} token={token} timeZone={publicTimeZone(data.timeZone)} onChanged={() => void load()} />)
          )}
        </>
      )}
    </PublicFrame>
  );
}

function ClaimCard({ claim, token, timeZone, onChanged }: { claim: PublicClaim; token: string; timeZone: string; onChanged: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const state = claim.state as ClaimState;
  const at = (iso: string) => formatDateTime(iso, timeZone).slice(0, 16);
  return (
    <Card
      data-testid="claim-card"
      data-state={state}
      title={
        <Flex justify="space-between" align="center" gap={8} wrap>
          <span>{t('claimSelf.claim.title', { type: CLAIM_TYPE_LABELS[claim.type as ClaimType]?.[locale] ?? claim.type })}</span>
          <Tag color={STATE_COLORS[state] ?? 'default'} style={{ fontSize: 14, padding: '2px 10px', marginInlineEnd: 0 }} data-testid="claim-state">
            {CLAIM_STATE_LABELS[state]?.[locale] ?? state}
          </Tag>
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        <Alert type={state === 'rejected' ? 'warning' : 'info'} showIcon title={t(`claimSelf.state.hint.${state}` as MessageKey)} data-testid="claim-state-hint" />
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'waybill', label: t('claimSelf.claim.waybill'), children: claim.waybillNo },
            { key: 'claimed', label: t('claimSelf.claim.claimed'), children: `¥${formatYuan(claim.claimedFen)}` },
            { key: 'filed', label: t(claim.openedBy === 'system' ? 'claimSelf.claim.openedBySystem' : 'claimSelf.claim.filedAt'), children: at(claim.createdAt) },
            { key: 'description', label: t('claimSelf.claim.description'), children: claim.description },
          ]}
        />
        {claim.offer && <OfferCard claim={claim} token={token} at={at} onChanged={onChanged} />}
        {claim.rejection && (
          <Alert
            type="warning"
            showIcon
            title={t('claimSelf.rejection.reason', { reason: claim.rejection.reason })}
            description={claim.rejection.notice}
            data-testid="claim-rejection"
            action={claim.canDispute ? <DisputeButton claim={claim} token={token} onChanged={onChanged} /> : undefined}
          />
        )}
        {claim.dispute && (
          <Typography.Text type="secondary" data-testid="claim-dispute">
            {t('claimSelf.dispute.yours', { at: at(claim.dispute.at), reason: claim.dispute.reason })}
          </Typography.Text>
        )}
        <Evidence claim={claim} token={token} at={at} onChanged={onChanged} />
        {claim.paid.length > 0 && (
          <Flex vertical gap={4} data-testid="claim-paid">
            <Typography.Text strong>{t('claimSelf.paid.title')}</Typography.Text>
            {claim.paid.map((p, i) => (
              <Typography.Text key={`${p.at}-${i}`}>
                {at(p.at)} {t(`claimSelf.paid.kind.${p.kind}` as MessageKey)} ¥{formatYuan(p.amountFen)}
              </Typography.Text>
            ))}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

function OfferCard({ claim, token, at, onChanged }: { claim: PublicClaim; token: string; at: (iso: string) => string; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [sending, setSending] = useState(false);
  const offer = claim.offer!;
  async function accept() {
    setSending(true);
    try {
      await acceptClaimOffer(token, claim.id);
      void message.success(t('claimSelf.done.accepted'));
      onChanged();
    } catch (error) {
      void message.error(messageOf(t, error));
    } finally {
      setSending(false);
    }
  }
  return (
    <Card size="small" type="inner" title={t('claimSelf.offer.title')} data-testid="claim-offer" style={{ borderColor: '#b7eb8f' }}>
      <Flex vertical gap={8}>
        <Flex align="baseline" gap={8}>
          <Typography.Text type="secondary">{t('claimSelf.offer.amount')}</Typography.Text>
          <Typography.Text strong style={{ fontSize: 24 }} data-testid="claim-offer-amount">
            ¥{formatYuan(offer.approvedFen)}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary">{t('claimSelf.offer.how')}</Typography.Text>
        {offer.payment.map((p) => (
          <Typography.Text key={p.kind} data-testid="claim-offer-payment">
            {t(`claimSelf.offer.payment.${p.kind}` as MessageKey)}
            {offer.payment.length > 1 ? `：¥${formatYuan(p.amountFen)}` : ''}
          </Typography.Text>
        ))}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('claimSelf.offer.within', { days: offer.payWithinDays })}
        </Typography.Text>
        {offer.acceptedAt && (
          <Alert type="success" showIcon title={t('claimSelf.offer.accepted', { at: at(offer.acceptedAt) })} data-testid="claim-offer-accepted" />
        )}
        {(claim.canAccept || claim.canDispute) && (
          <Flex vertical gap={8}>
            {claim.canAccept && (
              <Button type="primary" size="large" block loading={sending} onClick={() => void accept()} data-testid="claim-accept">
                {t('claimSelf.offer.accept')}
              </Button>
            )}
            {claim.canDispute && <DisputeButton claim={claim} token={token} onChanged={onChanged} block />}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

function DisputeButton({ claim, token, onChanged, block }: { claim: PublicClaim; token: string; onChanged: () => void; block?: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [sending, setSending] = useState(false);
  async function submit(values: { reason: string }) {
    setSending(true);
    try {
      await disputeClaim(token, claim.id, values.reason.trim());
      void message.success(t('claimSelf.done.disputed'));
      setOpen(false);
      onChanged();
    } catch (error) {
      void message.error(messageOf(t, error));
    } finally {
      setSending(false);
    }
  }
  if (!open) {
    return (
      <Button size="large" block={block} onClick={() => setOpen(true)} data-testid="claim-dispute-open">
        {t('claimSelf.offer.dispute')}
      </Button>
    );
  }
  return (
    <Form layout="vertical" requiredMark={false} onFinish={(v: { reason: string }) => void submit(v)} style={{ width: '100%' }} data-testid="claim-dispute-form">
      <Typography.Paragraph type="secondary">{t('claimSelf.dispute.intro')}</Typography.Paragraph>
      <Form.Item name="reason" label={t('claimSelf.dispute.reason')} rules={[{ required: true, whitespace: true, message: t('claimSelf.dispute.v.reason') }]}>
        <Input.TextArea rows={3} maxLength={DISPUTE_REASON_MAX} data-testid="claim-dispute-reason" />
      </Form.Item>
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" loading={sending} data-testid="claim-dispute-submit">
          {t('claimSelf.dispute.submit')}
        </Button>
        <Button onClick={() => setOpen(false)}>{t('claimSelf.dispute.cancel')}</Button>
      </Flex>
    </Form>
  );
}

function Evidence({ claim, token, at, onChanged }: { claim: PublicClaim; token: string; at: (iso: string) => string; onChanged: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  if (claim.checklist.length === 0) return null;
  async function send(item: string, file: File) {
    if (file.size > ATTACHMENT_MAX_BYTES) {
      void message.error(t('attachments.tooLarge', { name: file.name, max: `${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB` }));
      return;
    }
    setBusy(item);
    try {
      await uploadClaimEvidence(token, claim.id, item, file);
      void message.success(t('claimSelf.evidence.uploaded', { name: file.name }));
      onChanged();
    } catch (error) {
      void message.error(messageOf(t, error));
    } finally {
      setBusy(null);
    }
  }
  return (
    <Flex vertical gap={8} data-testid="claim-evidence">
      <Typography.Text strong>{t('claimSelf.evidence.title')}</Typography.Text>
      {!claim.acceptsEvidence && <Typography.Text type="secondary">{t('claimSelf.evidence.closed')}</Typography.Text>}
      {claim.checklist.map((entry) => {
        const photo = PHOTO_ITEMS.includes(entry.item);
        return (
          <Card key={entry.item} size="small" data-testid="claim-evidence-item" data-item={entry.item}>
            <Flex vertical gap={6}>
              <Flex justify="space-between" align="flex-start" gap={8}>
                <Typography.Text>{EVIDENCE_ITEM_LABELS[entry.item as EvidenceItem]?.[locale] ?? entry.item}</Typography.Text>
                <Tag color={entry.required ? 'red' : 'default'} style={{ marginInlineEnd: 0 }}>
                  {t(entry.required ? 'claimSelf.evidence.required' : 'claimSelf.evidence.optional')}
                </Tag>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(photo ? 'claimSelf.evidence.photoOnly' : 'claimSelf.evidence.photoOrPdf')}
              </Typography.Text>
              {entry.uploads.map((u) => (
                <Flex key={u.id} vertical gap={0} data-testid="claim-evidence-upload">
                  <Flex gap={6} align="center">
                    {REVIEW_ICONS[u.review as EvidenceReview]}
                    <Typography.Text ellipsis style={{ maxWidth: 200 }}>
                      {u.fileName}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {EVIDENCE_REVIEW_LABELS[u.review as EvidenceReview]?.[locale] ?? u.review}
                    </Typography.Text>
                  </Flex>
                  {u.reviewReason && (
                    <Typography.Text type="danger" style={{ fontSize: 12 }}>
                      {t('claimSelf.evidence.rejectedWhy', { reason: u.reviewReason })}
                    </Typography.Text>
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {at(u.at)}
                  </Typography.Text>
                </Flex>
              ))}
              {claim.acceptsEvidence && (
                <Upload
                  accept={photo ? 'image/*' : 'image/*,application/pdf'}
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void send(entry.item, file);
                    return false;
                  }}
                >
                  <Button size="large" block icon={photo ? <CameraOutlined /> : <UploadOutlined />} loading={busy === entry.item} data-testid={`claim-upload-${entry.item}`}>
                    {t(photo ? 'claimSelf.evidence.uploadPhoto' : 'claimSelf.evidence.upload')}
                  </Button>
                </Upload>
              )}
            </Flex>
          </Card>
        );
      })}
    </Flex>
  );
}
