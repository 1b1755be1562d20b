/**
 * Releasing a falsely blocked reply (docs/product.md §2): on the refusal, the agent asks a
 * supervisor to release it (申请主管放行) — the reply is held, not sent; the ticket shows the
 * request waiting, or the supervisor's reason when declined; a supervisor (never the one who
 * asked) approves it — it goes out as written — or declines it with a reason, here or on the board.
 */
import { CheckOutlined, CloseOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Popconfirm, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { phraseReleaseCommands, requestPhraseRelease, type PhraseRelease } from '../../services/tickets';
import { TICKET_REASON_MAX, TICKET_REASON_MIN } from '../../shared';
import { CommandModal } from './CommandModal';
import type { TicketContext } from './context';

/** The button on the refusal: hold the text for a supervisor, with why the agent thinks it a false block. */
export function ReleaseRequestButton({ ctx, text, onRequested }: { ctx: TicketContext; text: string; onRequested(): void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} onClick={() => setOpen(true)} data-testid="release-request">
        {t('tickets.release.request')}
      </Button>
      {open && (
        <CommandModal<{ note?: string }>
          title={t('tickets.release.requestTitle')}
          okText={t('tickets.release.requestOk')}
          doneText={t('tickets.release.requested')}
          testId="release-request-form"
          submit={async (values) => {
            const note = values.note?.trim();
            await requestPhraseRelease(ctx.ticket.id, { body: text, ...(note ? { note } : {}) });
          }}
          onClose={(changed) => {
            setOpen(false);
            // After the dialog has gone: clearing the refusal unmounts this button.
            if (changed) {
              onRequested();
              ctx.reload();
            }
          }}
          onStale={ctx.onStale}
        >
          <Typography.Paragraph type="secondary">{t('tickets.release.requestHint')}</Typography.Paragraph>
          <div style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', marginBottom: 16, whiteSpace: 'pre-wrap' }}>
            {text}
          </div>
          <Form.Item name="note" label={t('tickets.release.note')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={TICKET_REASON_MAX} showCount placeholder={t('tickets.release.notePlaceholder')} />
          </Form.Item>
        </CommandModal>
      )}
    </>
  );
}

/** Approve (the reply is sent as written) or decline with a reason; `onDone` after either. */
export function ReleaseDecision({ release, onDone }: { release: PhraseRelease; onDone(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const [approving, setApproving] = useState(false);
  const [declining, setDeclining] = useState(false);
  if (!release.canDecide) return null;
  return (
    <Flex gap={8} wrap>
      <Popconfirm
        title={t('tickets.release.approveConfirm')}
        okText={t('tickets.release.approve')}
        cancelText={t('common.cancel')}
        onConfirm={async () => {
          setApproving(true);
          try {
            await phraseReleaseCommands.approve(release.id);
            void message.success(t('tickets.release.approved'));
            onDone();
          } catch (error) {
            handleError(error);
          } finally {
            setApproving(false);
          }
        }}
      >
        <Button type="primary" size="small" icon={<CheckOutlined />} loading={approving} data-testid="release-approve">
          {t('tickets.release.approve')}
        </Button>
      </Popconfirm>
      <Button size="small" danger icon={<CloseOutlined />} onClick={() => setDeclining(true)} data-testid="release-decline">
        {t('tickets.release.decline')}
      </Button>
      {declining && (
        <CommandModal<{ reason: string }>
          title={t('tickets.release.declineTitle')}
          okText={t('tickets.release.decline')}
          doneText={t('tickets.release.declined')}
          danger
          testId="release-decline-form"
          submit={async (values) => {
            await phraseReleaseCommands.decline(release.id, values.reason.trim());
          }}
          onClose={(changed) => {
            setDeclining(false);
            if (changed) onDone();
          }}
          onStale={onDone}
        >
          <Form.Item
            name="reason"
            label={t('tickets.release.reason')}
            rules={[{ required: true, whitespace: true, min: TICKET_REASON_MIN, message: t('tickets.release.reasonRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={TICKET_REASON_MAX} showCount placeholder={t('tickets.release.reasonPlaceholder')} />
          </Form.Item>
        </CommandModal>
      )}
    </Flex>
  );
}

/** The phrases the guard matched, as tags. */
export function ReleasePhrases({ release }: { release: PhraseRelease }) {
  return (
    <Flex gap={4} wrap>
      {release.phrases.map((p) => (
        <Tag key={p.phrase} color="red" style={{ marginInlineEnd: 0 }}>
          “{p.phrase}”
        </Tag>
      ))}
    </Flex>
  );
}

/**
 * On the ticket: the newest request, while it waits (with the decision for a supervisor) or once
 * declined (the reason, for the agent who asked). An approved one is the reply on the timeline.
 */
export function ReleaseStatus({ ctx }: { ctx: TicketContext }) {
  const t = useT();
  const release = ctx.ticket.phraseReleases[0];
  if (!release || release.status === 'approved') return null;
  const pending = release.status === 'pending';
  return (
    <Alert
      type={pending ? 'info' : 'warning'}
      showIcon
      data-testid="release-status"
      data-status={release.status}
      title={
        pending
          ? t('tickets.release.waiting', { name: release.requestedByName, time: formatDateTime(release.requestedAt).slice(0, 16) })
          : t('tickets.release.declinedBy', { name: release.decidedByName ?? '' })
      }
      description={
        <Flex vertical gap={8}>
          {!pending && release.declineReason && (
            <Typography.Text strong data-testid="release-decline-reason">
              {t('tickets.release.reasonShown', { reason: release.declineReason })}
            </Typography.Text>
          )}
          <ReleasePhrases release={release} />
          <div style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', whiteSpace: 'pre-wrap' }}>{release.body}</div>
          {release.note && (
            <Typography.Text type="secondary">{t('tickets.release.noteShown', { note: release.note })}</Typography.Text>
          )}
          <ReleaseDecision release={release} onDone={ctx.reload} />
        </Flex>
      }
    />
  );
}
