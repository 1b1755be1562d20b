/**
 * One claim (理赔单): what it is judged on, its evidence checklist with photo previews, the proposal
 * with its lines and any override beside it, the decision, the settlement by payment term and its
 * ledger, responsibility and chargeback, and its timeline. Only the steps the server says the
 * signed-in person may take now (`can`) are offered; a refusal shows the server's message. Every
 * command sends the version read; when someone changed the claim meanwhile (409) the server's message
 * says so and the reload button reads it again — nothing is overwritten.
 */
import { ArrowLeftOutlined, CheckOutlined, CloseOutlined, MessageOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Result, Row, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useLocale, useT } from '../../i18n';
import { shipmentPath } from '../../paths';
import { decideClaim, getClaim, requestEvidence, type ClaimDetail } from '../../services/claims';
import { getTicket, type TicketDetail } from '../../services/tickets';
import { useRemote } from '../../useRemote';
import { ticketPath } from '../tickets/parts';
import { StepDialog } from './dialogs';
import { EvidenceCard } from './Evidence';
import { FactsCard } from './Facts';
import { amountToDecide, approvalLevelLabel, claimantText, ClaimStateTag, ClaimTypeTag, yuan } from './labels';
import { DecisionCard, SettlementCard } from './Money';
import { ProposalCard } from './Proposal';
import { ResponsibilityCard } from './Responsibility';
import { actorOf, claimEntries, ClaimTimeline } from './Timeline';

interface Loaded {
  claim: ClaimDetail;
  ticket: TicketDetail;
}

/** A claim the server does not show this person (or that does not exist) is its own page, not a toast. */
async function load(id: string, signal: AbortSignal): Promise<Loaded | null> {
  try {
    const claim = await getClaim(id, signal);
    return { claim, ticket: await getTicket(claim.ticketId, signal) };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400 || error.status === 403)) return null;
    throw error;
  }
}

type Dialog = 'approve' | 'reject' | 'request_evidence' | null;

export default function ClaimPage() {
  const t = useT();
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const remote = useRemote((signal) => load(id, signal), [id]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const data = remote.data;
  useDocumentTitle(data ? `${t('claims.detail.title')} ${data.claim.waybillNo}` : t('claims.detail.title'));

  const back = (
    <Link to="/claims">
      <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
        {t('claims.detail.back')}
      </Button>
    </Link>
  );
  if (data === null) {
    return (
      <>
        {back}
        <Card>
          <Result status="404" title={t('claims.detail.notFound')} data-testid="claim-not-found" />
        </Card>
      </>
    );
  }
  if (!data) {
    return (
      <>
        {back}
        <Card loading={remote.loading}>{!remote.loading && <Empty description={t('claims.detail.loadFailed')} />}</Card>
      </>
    );
  }

  const { claim, ticket } = data;
  const entries = claimEntries(ticket.timeline, claim.id);
  const reviewers = new Map<string, string>();
  for (const e of entries) if (e.kind === 'claim_evidence_review' && typeof e.detail.evidenceId === 'string') reviewers.set(e.detail.evidenceId, e.actorName);
  const claimant = claimantText(t, claim);
  const deciding = claim.state === 'proposed' || claim.state === 'disputed';
  const mayDecide = claim.can.includes('approve') || claim.can.includes('reject');
  const close = (saved: boolean) => {
    setDialog(null);
    if (saved) remote.reload();
  };

  return (
    <Flex vertical gap={16} data-testid="claim-detail" data-state={claim.state} data-version={claim.version}>
      <div>{back}</div>
      <Card size="small" loading={false}>
        <Flex justify="space-between" align="start" gap={16} wrap>
          <Space orientation="vertical" size={4}>
            <Space size={8} wrap align="center">
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="claim-waybill">
                {t('claims.detail.heading', { waybill: claim.waybillNo })}
              </Typography.Title>
              <ClaimTypeTag type={claim.type} />
              <ClaimStateTag state={claim.state} />
            </Space>
            <Typography.Text type="secondary">
              {t('claims.detail.sub', { claimed: yuan(claim.claimedFen, locale), at: formatDateTime(claim.createdAt) })} ·{' '}
              <Link to={ticketPath(ticket.id)} data-testid="claim-ticket-link">
                {t('claims.detail.ticket', { number: ticket.number })}
              </Link>{' '}
              · <Link to={shipmentPath(claim.waybillNo)}>{t('claims.detail.shipment')}</Link>
            </Typography.Text>
          </Space>
          <Space wrap>
            {claim.can.includes('request_evidence') && (
              <Button icon={<MessageOutlined />} onClick={() => setDialog('request_evidence')} data-testid="claim-request-evidence">
                {t('claims.action.requestEvidence')}
              </Button>
            )}
            {claim.can.includes('reject') && (
              <Button danger icon={<CloseOutlined />} onClick={() => setDialog('reject')} data-testid="claim-reject">
                {t('claims.action.reject')}
              </Button>
            )}
            {claim.can.includes('approve') && (
              <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog('approve')} data-testid="claim-approve">
                {t('claims.action.approve', { amount: yuan(amountToDecide(claim), locale) })}
              </Button>
            )}
            <Tooltip title={t('common.reload')}>
              <Button icon={<ReloadOutlined />} onClick={remote.reload} loading={remote.loading} aria-label={t('common.reload')} />
            </Tooltip>
          </Space>
        </Flex>
      </Card>

      {deciding && (
        <Alert
          type={mayDecide ? 'success' : 'info'}
          showIcon
          data-testid="claim-level"
          title={
            mayDecide
              ? t('claims.detail.youDecide', { amount: yuan(amountToDecide(claim), locale) })
              : t('claims.detail.needsLevel', { level: approvalLevelLabel(claim.requiredLevel, locale), amount: yuan(amountToDecide(claim), locale) })
          }
        />
      )}
      {claim.state === 'awaiting_evidence' && claim.evidenceRequestedAt && (
        <Alert type="warning" showIcon data-testid="claim-awaiting" title={t('claims.detail.awaiting', { at: formatDateTime(claim.evidenceRequestedAt) })} />
      )}
      {!deciding && claim.evidenceMissing.length > 0 && ['opened', 'awaiting_evidence'].includes(claim.state) && (
        <Alert type="info" showIcon title={t('claims.detail.evidenceFirst')} />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15} xxl={16}>
          <Flex vertical gap={16}>
            <FactsCard claim={claim} claimant={claimant} />
            <EvidenceCard claim={claim} attachments={ticket.attachments} reviewers={reviewers} onChanged={remote.reload} />
            <ProposalCard claim={claim} overriddenBy={actorOf(entries, 'claim_override')} onChanged={remote.reload} />
            <DecisionCard claim={claim} decidedBy={actorOf(entries, 'claim_decision')} />
            <SettlementCard claim={claim} onChanged={remote.reload} />
          </Flex>
        </Col>
        <Col xs={24} xl={9} xxl={8}>
          <Flex vertical gap={16}>
            <ResponsibilityCard claim={claim} decidedBy={actorOf(entries, 'claim_responsibility')} onChanged={remote.reload} />
            <ClaimTimeline entries={entries} />
          </Flex>
        </Col>
      </Row>

      {dialog === 'approve' && (
        <StepDialog
          title={t('claims.action.approveTitle')}
          okText={t('claims.action.approve', { amount: yuan(amountToDecide(claim), locale) })}
          intro={t('claims.action.approveIntro', { amount: yuan(amountToDecide(claim), locale) })}
          reason="optional"
          reasonLabel={t('claims.form.note')}
          testId="approve-dialog"
          onSubmit={(v) => decideClaim(claim.id, 'approve', claim.version, v.reason?.trim())}
          onClosed={close}
        />
      )}
      {dialog === 'reject' && (
        <StepDialog
          title={t('claims.action.rejectTitle')}
          okText={t('claims.action.reject')}
          danger
          intro={t('claims.action.rejectIntro')}
          reasonLabel={t('claims.action.rejectReason')}
          testId="reject-dialog"
          onSubmit={(v) => decideClaim(claim.id, 'reject', claim.version, v.reason?.trim())}
          onClosed={close}
        />
      )}
      {dialog === 'request_evidence' && (
        <StepDialog
          title={t('claims.action.requestEvidence')}
          okText={t('claims.action.send')}
          intro={t('claims.action.requestIntro')}
          reasonLabel={t('claims.action.requestMessage')}
          testId="request-evidence-dialog"
          onSubmit={(v) => requestEvidence(claim.id, claim.version, v.reason?.trim() ?? '')}
          onClosed={close}
        />
      )}
    </Flex>
  );
}
