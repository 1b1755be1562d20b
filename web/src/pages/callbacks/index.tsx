/**
 * Callbacks (回访, docs/product.md §2 and §5): after a complaint is resolved the customer is called back
 * to confirm; satisfied closes the ticket, unsatisfied reopens it. 联系不上 (unreachable) is tried
 * again in the next callback window, and closes the ticket only on the last attempt. Callbacks are
 * scheduled inside callback hours (9:00–12:00, 15:00–18:00, 客服用语规范) unless a time was agreed.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Radio, Switch, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { CustomerPhone, useCustomerReveals, type CustomerReveal } from '../../components/CustomerPhone';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useNow } from '../../countdown';
import { formatAge, formatDateTime } from '../../format';
import { useDocumentTitle, useT, type Translate } from '../../i18n';
import { labelOrKey } from '../../labels';
import { useRequestErrorHandler } from '../../request-error';
import {
  CALLBACK_OUTCOMES,
  completeCallback,
  listCallbacks,
  type Callback,
  type CallbackOutcome,
} from '../../services/supervision';
import type { RevealedCustomer } from '../../services/tickets';
import { CALLBACK_UNREACHABLE_ATTEMPTS_MAX } from '../../shared';
import { useRemote } from '../../useRemote';
import { ticketPath } from '../tickets/parts';

const NOTE_MAX = 2000;
/** The columns' widths and some 190 px for the subject: below it the table scrolls sideways. */
const CALLBACKS_TABLE_MIN_WIDTH = 96 + 150 + 180 + 190 + 110 + 160 + 190;

const outcomeLabel = (t: Translate, outcome: string) => labelOrKey(t, `callbacks.outcome.${outcome}`, outcome);
const OUTCOME_COLORS: Record<string, string> = { satisfied: 'success', unsatisfied: 'error', unreachable: 'warning' };

export default function CallbacksPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const showDone = params.get('done') === 'true';
  const now = useNow();
  const [recording, setRecording] = useState<Callback | null>(null);
  // Held here, not per row: the outcome dialog shows the number the agent revealed on the row.
  const reveals = useCustomerReveals();
  useDocumentTitle(t('callbacks.title'));

  const callbacks = useRemote((signal) => listCallbacks(!showDone, signal), [showDone]);

  // Fixed widths, the subject takes what is left (cut with an ellipsis): on a narrow screen the
  // table scrolls with the ticket number kept on the left and the outcome button on the right.
  const columns: TableProps<Callback>['columns'] = [
    {
      title: t('callbacks.col.ticket'),
      dataIndex: 'ticketNumber',
      width: 96,
      fixed: 'left',
      render: (number: string, callback) => (
        <Link to={ticketPath(callback.ticketId)}>
          <strong>{number}</strong>
        </Link>
      ),
    },
    {
      title: t('callbacks.col.scheduledFor'),
      dataIndex: 'scheduledFor',
      width: 150,
      render: (at: string, callback) => {
        const late = now - Date.parse(at);
        return (
          <Flex vertical gap={2}>
            <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at).slice(0, 16)}</span>
            {!callback.doneAt &&
              (late > 0 ? (
                <Typography.Text type="danger" strong style={{ fontSize: 12 }} data-testid="callback-overdue">
                  {t('callbacks.overdue', { duration: formatAge(t, late) })}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('callbacks.upcoming')}
                </Typography.Text>
              ))}
          </Flex>
        );
      },
    },
    {
      title: t('callbacks.col.customer'),
      key: 'customer',
      width: 180,
      render: (_, callback) => <CallbackCustomer callback={callback} reveal={reveals.of(callback.ticketId)} />,
    },
    { title: t('callbacks.col.subject'), dataIndex: 'subject', ellipsis: { showTitle: true } },
    {
      title: t('callbacks.col.assignee'),
      dataIndex: 'assigneeName',
      width: 110,
      ellipsis: true,
      render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('callbacks.unassigned')}</Typography.Text>,
    },
    {
      title: t('callbacks.col.attempts'),
      dataIndex: 'attempts',
      width: 160,
      render: (_, callback) => <CallbackAttempts callback={callback} />,
    },
    {
      title: t('callbacks.col.result'),
      key: 'result',
      width: 190,
      fixed: 'right',
      render: (_, callback) =>
        callback.doneAt && callback.outcome ? (
          <Flex vertical gap={2}>
            <span>
              <Tag color={OUTCOME_COLORS[callback.outcome] ?? 'default'}>{outcomeLabel(t, callback.outcome)}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('callbacks.doneAt', { time: formatDateTime(callback.doneAt).slice(0, 16) })}
              </Typography.Text>
            </span>
            {callback.note && <Typography.Text style={{ fontSize: 12 }}>{callback.note}</Typography.Text>}
          </Flex>
        ) : callback.canRecord ? (
          <Button type="primary" size="small" onClick={() => setRecording(callback)} data-testid="callback-record">
            {t('callbacks.record')}
          </Button>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('callbacks.recordedBy')}
          </Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('callbacks.title')} subtitle={t('callbacks.subtitle')} />
      <Flex vertical gap={16}>
        <Alert type="info" showIcon title={t('callbacks.hours')} data-testid="callback-hours" />
        <Card>
          <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
            <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8, cursor: 'pointer' }}>
              <Switch
                checked={showDone}
                onChange={(checked) => setParams(checked ? { done: 'true' } : {})}
                data-testid="callback-show-done"
              />
              {t('callbacks.showDone')}
            </label>
            <Tooltip title={t('common.reload')}>
              <Button icon={<ReloadOutlined />} onClick={callbacks.reload} aria-label={t('common.reload')} />
            </Tooltip>
          </Flex>
          <div data-testid="callback-list">
            <Table<Callback>
              rowKey="id"
              columns={columns}
              dataSource={callbacks.data ?? []}
              loading={callbacks.loading}
              scroll={{ x: CALLBACKS_TABLE_MIN_WIDTH }}
              pagination={(callbacks.data?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              onRow={(callback) =>
                !callback.doneAt && Date.parse(callback.scheduledFor) < now ? { style: { background: '#fff2f0' } } : {}
              }
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(showDone ? 'callbacks.noneAll' : 'callbacks.none')} />
                ),
              }}
            />
          </div>
        </Card>
      </Flex>
      <RecordOutcomeModal
        callback={recording}
        revealed={recording ? reveals.of(recording.ticketId).revealed : null}
        onClose={() => setRecording(null)}
        onDone={() => {
          // The callback is done: its ground to see the number is gone, so the number goes too.
          if (recording) reveals.of(recording.ticketId).hide();
          setRecording(null);
          callbacks.reload();
        }}
      />
    </>
  );
}

/** The customer to call: masked, with "显示姓名和号码" for whoever must make the call (audited). */
function CallbackCustomer({ callback, reveal }: { callback: Callback; reveal: CustomerReveal }) {
  const t = useT();
  const name = reveal.revealed?.customerName ?? callback.customerName;
  return (
    <Flex vertical gap={2}>
      <span>{name ?? <Typography.Text type="secondary">{t('callbacks.noName')}</Typography.Text>}</span>
      {callback.customerPhone && (
        <CustomerPhone masked={callback.customerPhone} canReveal={callback.canRevealCustomer} state={reveal} size="small" />
      )}
    </Flex>
  );
}

/**
 * How often the customer was called: "第 N 次未接通" with the last try (who, when, note) while the
 * callback is still to make, the number of calls once it is done.
 */
function CallbackAttempts({ callback }: { callback: Callback }) {
  const t = useT();
  if (callback.attempts === 0) {
    return <Typography.Text type="secondary">{callback.doneAt ? '—' : t('callbacks.attempts.none')}</Typography.Text>;
  }
  if (callback.doneAt) return <span data-testid="callback-attempts">{t('callbacks.attempts.total', { n: callback.attempts })}</span>;
  return (
    <Flex vertical gap={2} style={{ maxWidth: 240 }} data-testid="callback-attempts">
      <span>
        <Tag color="warning">{t('callbacks.attempts.unreachable', { n: callback.attempts })}</Tag>
      </span>
      {callback.lastAttemptAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('callbacks.attempts.last', {
            time: formatDateTime(callback.lastAttemptAt).slice(0, 16),
            name: callback.lastAttemptByName ?? t('callbacks.unassigned'),
          })}
        </Typography.Text>
      )}
      {callback.lastAttemptNote && <Typography.Text style={{ fontSize: 12 }}>{callback.lastAttemptNote}</Typography.Text>}
    </Flex>
  );
}

interface OutcomeValues {
  outcome: CallbackOutcome;
  note?: string;
}

/** `revealed`: the customer as revealed on the callback's row, if the agent did; masked otherwise. */
function RecordOutcomeModal({
  callback,
  revealed,
  onClose,
  onDone,
}: {
  callback: Callback | null;
  revealed: RevealedCustomer | null;
  onClose(): void;
  onDone(): void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const [form] = Form.useForm<OutcomeValues>();
  const [saving, setSaving] = useState(false);

  async function submit(values: OutcomeValues) {
    if (!callback) return;
    setSaving(true);
    try {
      const note = values.note?.trim();
      const done = await completeCallback(callback.id, { outcome: values.outcome, ...(note ? { note } : {}) });
      const number = callback.ticketNumber;
      void message.success(
        done.nextAttemptAt
          ? t('callbacks.retryRecorded', { number, n: done.attempts, time: formatDateTime(done.nextAttemptAt).slice(0, 16) })
          : done.outcome === 'unreachable'
            ? t('callbacks.closedUnreachable', { number, n: done.attempts })
            : done.outcome === 'satisfied'
              ? t('callbacks.closedSatisfied', { number })
              : done.outcome === 'unsatisfied'
                ? t('callbacks.reopenedUnsatisfied', { number })
                : t('callbacks.recorded', { number }),
      );
      onDone();
    } catch (error) {
      handleError(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <FormModal
      open={callback !== null}
      title={callback ? t('callbacks.recordTitle', { number: callback.ticketNumber }) : ''}
      okText={t('common.save')}
      confirmLoading={saving}
      form={form}
      onClose={onClose}
    >
      <Form<OutcomeValues> form={form} layout="vertical" onFinish={(values) => void submit(values)} data-testid="callback-form">
        {callback && (
          <Typography.Paragraph type="secondary" data-testid="callback-form-customer">
            {[
              revealed?.customerName ?? callback.customerName,
              revealed?.customerPhone ?? callback.customerPhone,
              callback.subject,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Paragraph>
        )}
        <Form.Item
          name="outcome"
          label={t('callbacks.outcome')}
          extra={t('callbacks.outcomeHint', { max: CALLBACK_UNREACHABLE_ATTEMPTS_MAX })}
          rules={[{ required: true, message: t('callbacks.v.outcome') }]}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={CALLBACK_OUTCOMES.map((outcome) => ({ value: outcome, label: outcomeLabel(t, outcome) }))}
            data-testid="callback-outcome"
          />
        </Form.Item>
        <Form.Item name="note" label={t('callbacks.note')}>
          <Input.TextArea rows={4} maxLength={NOTE_MAX} showCount placeholder={t('callbacks.notePlaceholder')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
