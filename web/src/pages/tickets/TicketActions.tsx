/**
 * The commands on a ticket, each a button shown only when the server lists it in `can`
 * (domain/tickets/lifecycle.ts), each sending the version the page read.
 */
import {
  ArrowUpOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  EditOutlined,
  MergeCellsOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  QuestionCircleOutlined,
  RedoOutlined,
  SwapOutlined,
  ToolOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Radio, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../auth';
import { useLocale, useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { listDepartments } from '../../services/departments';
import { listDuty, ticketCommands, type TicketCode, type TicketDetail } from '../../services/tickets';
import { DEPARTMENT_TEXT_MAX, OPEN_STATUSES, PRIORITIES, type TicketStatus } from '../../shared';
import { useRemote } from '../../useRemote';
import { CreateNotificationDialog } from '../service-orders/create';
import { CommandModal } from './CommandModal';
import type { TicketContext } from './context';
import { PhraseFindings, usePhraseCheck, useGuardedSend, type CheckedText } from './PhraseGuard';
import { answeredSinceReopened, isAnswerMissing, isStaleVersion, priorityLabel } from './parts';

type Dialog = 'transfer' | 'escalate' | 'askDepartment' | 'resolve' | 'close' | 'reopen' | 'merge' | 'edit' | 'serviceOrder';

const REASON_MAX = 500;

/** Open tickets on the ticket's related list this one could be merged into. */
export function mergeCandidates(ticket: TicketDetail) {
  return ticket.related.tickets.filter(
    (r) => r.id !== ticket.id && (OPEN_STATUSES as readonly string[]).includes(r.status),
  );
}

export function TicketActions({ ctx }: { ctx: TicketContext }) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const { ticket } = ctx;
  const can = new Set(ctx.ticket.can);
  const auth = useAuth();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [busy, setBusy] = useState(false);

  async function setStatus(status: 'open' | 'pending_customer', done: string) {
    setBusy(true);
    try {
      await ticketCommands.status(ticket.id, { status, version: ticket.version });
      void message.success(done);
      ctx.reload();
    } catch (error) {
      if (isStaleVersion(error)) ctx.onStale();
      else handleError(error);
    } finally {
      setBusy(false);
    }
  }

  const close = (changed: boolean) => {
    setDialog(null);
    if (changed) ctx.reload();
  };
  const status = ticket.status as TicketStatus;
  const merges = mergeCandidates(ticket);

  return (
    <>
      <Space wrap size={8} data-testid="ticket-actions">
        {can.has('take') && (
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            loading={busy}
            onClick={() => setStatus('open', t('tickets.done.take'))}
            data-testid="action-take"
          >
            {t('tickets.action.take')}
          </Button>
        )}
        {can.has('resolve') && (
          <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setDialog('resolve')} data-testid="action-resolve">
            {t('tickets.action.resolve')}
          </Button>
        )}
        {can.has('changeStatus') && status !== 'pending_customer' && status !== 'resolved' && (
          <Button
            icon={<PauseCircleOutlined />}
            loading={busy}
            onClick={() => setStatus('pending_customer', t('tickets.done.waiting'))}
            data-testid="action-wait"
          >
            {t('tickets.action.waitCustomer')}
          </Button>
        )}
        {can.has('changeStatus') && status === 'pending_customer' && (
          <Button
            icon={<PlayCircleOutlined />}
            loading={busy}
            onClick={() => setStatus('open', t('tickets.done.resumed'))}
            data-testid="action-resume"
          >
            {t('tickets.action.resume')}
          </Button>
        )}
        {can.has('transfer') && (
          <Button icon={<SwapOutlined />} onClick={() => setDialog('transfer')} data-testid="action-transfer">
            {t('tickets.action.transfer')}
          </Button>
        )}
        {can.has('askDepartment') && (
          <Button icon={<QuestionCircleOutlined />} onClick={() => setDialog('askDepartment')} data-testid="action-ask">
            {t('tickets.action.askDepartment')}
          </Button>
        )}
        {can.has('escalate') && ticket.priority !== 'urgent' && (
          <Button icon={<ArrowUpOutlined />} onClick={() => setDialog('escalate')} data-testid="action-escalate">
            {t('tickets.action.escalate')}
          </Button>
        )}
        {can.has('edit') && (
          <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="action-edit">
            {t('tickets.action.edit')}
          </Button>
        )}
        {can.has('merge') && merges.length > 0 && (
          <Button icon={<MergeCellsOutlined />} onClick={() => setDialog('merge')} data-testid="action-merge">
            {t('tickets.action.merge')}
          </Button>
        )}
        {can.has('note') && status === 'resolved' && (
          <Button icon={<RedoOutlined />} onClick={() => setDialog('reopen')} data-testid="action-reopen">
            {t('tickets.action.reopen')}
          </Button>
        )}
        {can.has('note') && status !== 'closed' && auth.can('serviceOrders.work') && (
          <Button icon={<ToolOutlined />} onClick={() => setDialog('serviceOrder')} data-testid="action-service-order">
            {t('tickets.action.serviceOrder')}
          </Button>
        )}
        {can.has('close') && (
          <Button icon={<CloseCircleOutlined />} onClick={() => setDialog('close')} data-testid="action-close">
            {t('tickets.action.close')}
          </Button>
        )}
      </Space>
      {dialog === 'transfer' && <TransferModal ctx={ctx} onClose={close} />}
      {dialog === 'escalate' && <ReasonModal ctx={ctx} onClose={close} kind="escalate" />}
      {dialog === 'reopen' && <ReasonModal ctx={ctx} onClose={close} kind="reopen" />}
      {dialog === 'askDepartment' && <AskDepartmentModal ctx={ctx} onClose={close} />}
      {dialog === 'resolve' && <ResolveModal ctx={ctx} onClose={close} />}
      {dialog === 'close' && <CloseModal ctx={ctx} onClose={close} />}
      {dialog === 'merge' && <MergeModal ctx={ctx} onClose={close} />}
      {dialog === 'edit' && <EditModal ctx={ctx} onClose={close} />}
      {dialog === 'serviceOrder' && (
        <CreateNotificationDialog
          ticketId={ticket.id}
          onClosed={(created) => {
            if (created) void message.success(t('so.created', { number: created.number }));
            close(created !== null);
          }}
        />
      )}
    </>
  );
}

interface ModalProps {
  ctx: TicketContext;
  onClose(changed: boolean): void;
}

function reasonRules(t: ReturnType<typeof useT>, required = true) {
  return [
    { required, whitespace: true, message: t('tickets.v.reason') },
    { min: 2, message: t('tickets.v.min2') },
    { max: REASON_MAX, message: t('tickets.v.max', { max: REASON_MAX }) },
  ];
}

/** People of my team (or, for supervisors, everyone on the roster) and the teams, to transfer to. */
function TransferModal({ ctx, onClose }: ModalProps) {
  const t = useT();
  const { ticket } = ctx;
  const duty = useRemote((signal) => listDuty(signal), []);
  const departments = useRemote((signal) => listDepartments(signal), []);
  const people = (duty.data ?? [])
    .filter((p) => p.userId !== ticket.ownerId)
    .map((p) => ({
      value: p.userId,
      label: t(p.onDuty ? 'tickets.transfer.personOnDuty' : 'tickets.transfer.personOffDuty', {
        name: p.displayName,
        open: p.openTickets,
      }),
    }));
  return (
    <CommandModal<{ target: 'person' | 'team'; toUserId?: string; toTeamId?: string; reason: string }>
      title={t('tickets.transfer.title', { number: ticket.number })}
      okText={t('tickets.action.transfer')}
      doneText={t('tickets.done.transfer')}
      testId="transfer-form"
      initialValues={{ target: 'person' }}
      onStale={ctx.onStale}
      onClose={onClose}
      submit={async (v) => {
        await ticketCommands.transfer(ticket.id, {
          ...(v.target === 'person' ? { toUserId: v.toUserId } : { toTeamId: v.toTeamId }),
          reason: v.reason.trim(),
          version: ticket.version,
        });
      }}
    >
      <Typography.Paragraph type="secondary">{t('tickets.transfer.hint')}</Typography.Paragraph>
      <Form.Item name="target" label={t('tickets.transfer.to')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'person', label: t('tickets.transfer.person') },
            { value: 'team', label: t('tickets.transfer.team') },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['target']}>
        {({ getFieldValue }) =>
          getFieldValue('target') === 'person' ? (
            <Form.Item name="toUserId" label={t('tickets.transfer.person')} rules={[{ required: true, message: t('tickets.v.person') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={duty.loading}
                options={people}
                placeholder={t('tickets.transfer.personPlaceholder')}
              />
            </Form.Item>
          ) : (
            <Form.Item name="toTeamId" label={t('tickets.transfer.team')} rules={[{ required: true, message: t('tickets.v.team') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={departments.loading}
                options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                placeholder={t('tickets.transfer.teamPlaceholder')}
              />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item name="reason" label={t('tickets.field.reason')} rules={reasonRules(t)}>
        <Input.TextArea rows={3} maxLength={REASON_MAX} showCount />
      </Form.Item>
    </CommandModal>
  );
}

function ReasonModal({ ctx, onClose, kind }: ModalProps & { kind: 'escalate' | 'reopen' }) {
  const t = useT();
  const { ticket } = ctx;
  const next = PRIORITIES[Math.min(PRIORITIES.indexOf(ticket.priority as never) + 1, PRIORITIES.length - 1)];
  return (
    <CommandModal<{ reason: string }>
      title={t(kind === 'escalate' ? 'tickets.escalate.title' : 'tickets.reopen.title', { number: ticket.number })}
      okText={t(kind === 'escalate' ? 'tickets.action.escalate' : 'tickets.action.reopen')}
      doneText={t(kind === 'escalate' ? 'tickets.done.escalate' : 'tickets.done.reopen')}
      testId={`${kind}-form`}
      onStale={ctx.onStale}
      onClose={onClose}
      submit={async (v) => {
        const body = { reason: v.reason.trim(), version: ticket.version };
        await (kind === 'escalate' ? ticketCommands.escalate(ticket.id, body) : ticketCommands.reopen(ticket.id, body));
      }}
    >
      <Typography.Paragraph type="secondary">
        {kind === 'escalate'
          ? t('tickets.escalate.hint', { from: priorityLabel(t, ticket.priority), to: priorityLabel(t, next ?? ticket.priority) })
          : t('tickets.reopen.hint')}
      </Typography.Paragraph>
      <Form.Item name="reason" label={t('tickets.field.reason')} rules={reasonRules(t)}>
        <Input.TextArea rows={3} maxLength={REASON_MAX} showCount />
      </Form.Item>
    </CommandModal>
  );
}

function AskDepartmentModal({ ctx, onClose }: ModalProps) {
  const t = useT();
  const { ticket } = ctx;
  const departments = useRemote((signal) => listDepartments(signal), []);
  return (
    <CommandModal<{ departmentId: string; question: string }>
      title={t('tickets.ask.title', { number: ticket.number })}
      okText={t('tickets.ask.ok')}
      doneText={t('tickets.done.ask')}
      testId="ask-form"
      onStale={ctx.onStale}
      onClose={onClose}
      submit={async (v) => {
        await ticketCommands.askDepartment(ticket.id, { departmentId: v.departmentId, question: v.question.trim(), version: ticket.version });
      }}
    >
      <Typography.Paragraph type="secondary">{t('tickets.ask.hint')}</Typography.Paragraph>
      <Form.Item name="departmentId" label={t('tickets.field.department')} rules={[{ required: true, message: t('tickets.v.team') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={departments.loading}
          options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
      </Form.Item>
      <Form.Item
        name="question"
        label={t('tickets.field.question')}
        rules={[
          { required: true, whitespace: true, message: t('tickets.v.question') },
          { min: 2, message: t('tickets.v.min2') },
          { max: DEPARTMENT_TEXT_MAX, message: t('tickets.v.max', { max: DEPARTMENT_TEXT_MAX }) },
        ]}
      >
        <Input.TextArea rows={4} maxLength={DEPARTMENT_TEXT_MAX} showCount />
      </Form.Item>
    </CommandModal>
  );
}

export function codeOptions(codes: readonly TicketCode[], kind: 'category' | 'cause', locale: string) {
  return codes
    .filter((c) => c.kind === kind)
    .map((c) => ({ value: c.code, label: locale === 'zh-CN' ? c.nameZh : c.nameEn }));
}

/**
 * The answer field of the resolve dialog, checked live like the reply box. A ticket is resolved
 * only once the customer was told the outcome: the answer is needed unless a public reply since the
 * ticket was last reopened gave it (notes and department replies are not seen by the customer).
 */
function ResolveAnswer({ refused, answered }: { refused: CheckedText | null; answered: boolean }) {
  const t = useT();
  const form = Form.useFormInstance<{ reply?: string }>();
  const text = Form.useWatch('reply', form) ?? '';
  const live = usePhraseCheck(text, true);
  const shownRefused = refused && refused.text === text ? refused : null;
  return (
    <>
      <Form.Item
        name="reply"
        label={t('tickets.resolve.answer')}
        extra={answered ? t('tickets.resolve.answerHint') : t('tickets.resolve.answerNeeded')}
        rules={answered ? [] : [{ required: true, whitespace: true, message: t('tickets.v.resolveAnswer') }]}
      >
        <Input.TextArea rows={4} maxLength={10_000} data-testid="resolve-answer" />
      </Form.Item>
      <div style={{ marginBottom: 16 }}>
        <PhraseFindings check={shownRefused ?? live} refused={shownRefused !== null} />
      </div>
    </>
  );
}

function ResolveModal({ ctx, onClose }: ModalProps) {
  const t = useT();
  const { locale } = useLocale();
  const { ticket } = ctx;
  const guardedSend = useGuardedSend();
  const [refused, setRefused] = useState<CheckedText | null>(null);
  return (
    <CommandModal<{ reply?: string; causeCode?: string }>
      title={t('tickets.resolve.title', { number: ticket.number })}
      okText={t('tickets.action.resolve')}
      doneText={t('tickets.done.resolve')}
      testId="resolve-form"
      initialValues={{ causeCode: ticket.causeCode ?? undefined }}
      onStale={ctx.onStale}
      onClose={onClose}
      submit={async (v, form) => {
        const reply = v.reply?.trim() || undefined;
        try {
          return await guardedSend(
            reply ?? '',
            (acknowledgeWarnings) =>
              ticketCommands.resolve(ticket.id, {
                reply,
                causeCode: v.causeCode,
                version: ticket.version,
                ...(acknowledgeWarnings ? { acknowledgeWarnings } : {}),
              }),
            setRefused,
          );
        } catch (error) {
          // The server's refusal shows on the answer field: the customer has not been answered yet.
          if (!isAnswerMissing(error)) throw error;
          form.setFields([{ name: 'reply', errors: [error.message] }]);
          return false;
        }
      }}
    >
      {ticket.kind === 'complaint' && (
        <Alert type="info" showIcon title={t('tickets.resolve.complaintCallback')} style={{ marginBottom: 16 }} />
      )}
      <ResolveAnswer refused={refused} answered={answeredSinceReopened(ticket.timeline)} />
      {/* A complaint is resolved with its cause (the server says the same: TICKET_RESOLVE_NEEDS_CAUSE). */}
      <Form.Item
        name="causeCode"
        label={t('tickets.field.cause')}
        extra={t('tickets.resolve.causeHint')}
        rules={ticket.kind === 'complaint' ? [{ required: true, message: t('tickets.v.causeForComplaint') }] : []}
      >
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={codeOptions(ctx.codes, 'cause', locale)} data-testid="resolve-cause" />
      </Form.Item>
    </CommandModal>
  );
}

function CloseModal({ ctx, onClose }: ModalProps) {
  const t = useT();
  const { ticket } = ctx;
  // docs/product.md §2 / issue 4 §11: a complaint closes with its callback outcome, or a reason why there is none.
  // The latest callback is the one for the resolution that stands; a cancelled one is no outcome.
  const latest = ticket.callbacks.at(-1);
  const needsReason = ticket.kind === 'complaint' && !(latest?.doneAt && latest.outcome !== 'cancelled');
  return (
    <CommandModal<{ reason?: string }>
      title={t('tickets.close.title', { number: ticket.number })}
      okText={t('tickets.action.close')}
      doneText={t('tickets.done.close')}
      testId="close-form"
      danger
      onStale={ctx.onStale}
      onClose={onClose}
      submit={async (v) => {
        await ticketCommands.close(ticket.id, { reason: v.reason?.trim() || undefined, version: ticket.version });
      }}
    >
      {ticket.kind === 'complaint' && (
        <Alert
          type={needsReason ? 'warning' : 'info'}
          showIcon
          title={needsReason ? t('tickets.close.needsCallback') : t('tickets.close.callbackDone')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form.Item
        name="reason"
        label={t('tickets.field.reason')}
        extra={needsReason ? undefined : t('tickets.close.reasonOptional')}
        rules={reasonRules(t, needsReason)}
      >
        <Input.TextArea rows={3} maxLength={REASON_MAX} showCount />
      </Form.Item>
    </CommandModal>
  );
}

function MergeModal({ ctx, onClose }: ModalProps) {
  const t = useT();
  const { ticket } = ctx;
  return (
    <CommandModal<{ intoTicketId: string }>
      title={t('tickets.merge.title', { number: ticket.number })}
      okText={t('tickets.action.merge')}
      doneText={t('tickets.done.merge')}
      testId="merge-form"
      onStale={ctx.onStale}
      onClose={onClose}
      submit={async (v) => {
        await ticketCommands.merge(ticket.id, { intoTicketId: v.intoTicketId, version: ticket.version });
      }}
    >
      <Typography.Paragraph type="secondary">{t('tickets.merge.hint', { number: ticket.number })}</Typography.Paragraph>
      <Form.Item name="intoTicketId" label={t('tickets.merge.into')} rules={[{ required: true, message: t('tickets.v.ticket') }]}>
        <Select
          options={mergeCandidates(ticket).map((r) => ({ value: r.id, label: `#${r.number} ${r.subject}` }))}
        />
      </Form.Item>
    </CommandModal>
  );
}

function EditModal({ ctx, onClose }: ModalProps) {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  const { ticket } = ctx;
  return (
    <CommandModal<{ priority: string; categoryCode: string | null; confidential: boolean }>
      title={t('tickets.edit.title', { number: ticket.number })}
      okText={t('common.save')}
      doneText={t('tickets.done.edit')}
      testId="edit-form"
      initialValues={{ priority: ticket.priority, categoryCode: ticket.categoryCode, confidential: ticket.confidential }}
      onStale={ctx.onStale}
      onClose={onClose}
      submit={async (v) => {
        // Only what changed: every change is its own timeline entry.
        const body: Parameters<typeof ticketCommands.edit>[1] = { version: ticket.version };
        if (v.priority !== ticket.priority) body.priority = v.priority;
        if ((v.categoryCode ?? null) !== ticket.categoryCode) body.categoryCode = v.categoryCode ?? null;
        if (v.confidential !== ticket.confidential) body.confidential = v.confidential;
        if (Object.keys(body).length === 1) return;
        await ticketCommands.edit(ticket.id, body);
      }}
    >
      <Form.Item name="priority" label={t('tickets.field.priority')} extra={t('tickets.edit.priorityHint')}>
        <Select options={PRIORITIES.map((p) => ({ value: p, label: priorityLabel(t, p) }))} />
      </Form.Item>
      <Form.Item name="categoryCode" label={t('tickets.field.category')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={codeOptions(ctx.codes, 'category', locale)} />
      </Form.Item>
      <Form.Item
        name="confidential"
        label={t('tickets.field.confidential')}
        valuePropName="checked"
        extra={t(can('tickets.readConfidential') ? 'tickets.edit.confidentialHint' : 'tickets.edit.confidentialHintAgent')}
      >
        <Switch />
      </Form.Item>
    </CommandModal>
  );
}
