/**
 * The notification display's operations parts (docs/product.md §4): its clocks (required start,
 * expected end) and the dialog that e-mails it to a department through the outbox.
 */
import { App, Card, Checkbox, Empty, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { formatDateTime } from '../../format';
import { useT, type MessageKey } from '../../i18n';
import { emailServiceOrder, getServiceClocks, listWorkCenters, type NotificationDetail, type ServiceClock } from '../../services/service-orders';
import { useRemote } from '../../useRemote';

const STATUS_COLOURS: Record<ServiceClock['status'], string> = { running: 'processing', warning: 'warning', breached: 'error', paused: 'default', met: 'success', missed: 'error' };

export function ClocksCard({ id, refreshKey }: { id: string; refreshKey: number }) {
  const t = useT();
  const clocks = useRemote((signal) => getServiceClocks(id, signal), [id, refreshKey]);
  return (
    <Card size="small" title={t('soClocks.card')} loading={clocks.loading && !clocks.data} data-testid="so-clocks">
      {clocks.data?.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('soClocks.empty')} />
      ) : (
        <Flex gap={24} wrap>
          {(clocks.data ?? []).map((c) => (
            <Flex key={c.kind} vertical gap={4} data-clock={c.kind}>
              <Typography.Text type="secondary">{t(`soClocks.clock.${c.kind}` as MessageKey)}</Typography.Text>
              <Flex gap={8} align="center">
                <Typography.Text strong>{formatDateTime(c.dueDate)}</Typography.Text>
                <Tag color={STATUS_COLOURS[c.status]}>{t(`soClocks.status.${c.status}` as MessageKey)}</Tag>
              </Flex>
              {c.escalatedAt && <Typography.Text type="danger">{t('soClocks.escalated', { at: formatDateTime(c.escalatedAt) })}</Typography.Text>}
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}

/** History rows the operations add: a clock's warning or breach, the escalation, an e-mail sent. */
export function opsHistoryTitle(t: ReturnType<typeof useT>, h: NotificationDetail['history'][number]): string | null {
  const clock = (kind: string | null) => (kind === 'required_start' || kind === 'expected_end' ? t(`soClocks.clock.${kind}`) : (kind ?? ''));
  if (h.kind === 'clock_warning') return t('soHistory.clock_warning', { clock: clock(h.note) });
  if (h.kind === 'clock_breach') return t('soHistory.clock_breach', { clock: clock(h.note) });
  if (h.kind === 'escalated') {
    const [office = '—', center = '—', to = '—'] = (h.note ?? '').split(' · ');
    return `${t('soHistory.escalated')}（${t('soHistory.escalatedDetail', { office, center, to })}）`;
  }
  if (h.kind === 'emailed') return `${t('soHistory.emailed')}：${h.note ?? ''}`;
  return null;
}

export function EmailDialog({ notification, onClosed }: { notification: NotificationDetail; onClosed: (sent: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ workCenterId: string; note?: string; attachWorkPlan?: boolean }>();
  const centers = useRemote((signal) => listWorkCenters(signal), []);
  const { save, modalProps } = useSaveDialog(onClosed);
  return (
    <FormModal form={form} title={t('soEmail.title')} okText={t('soEmail.send')} {...modalProps}>
      <Form
        form={form}
        layout="vertical"
        data-testid="so-email-form"
        initialValues={{ workCenterId: notification.processingWorkCenter?.id ?? notification.mainWorkCenter.id, attachWorkPlan: false }}
        onFinish={(values) =>
          save(async () => {
            const sent = await emailServiceOrder(notification.id, { workCenterId: values.workCenterId, ...(values.note?.trim() && { note: values.note.trim() }), attachWorkPlan: values.attachWorkPlan ?? false });
            void message.success(t('soEmail.queued', { to: sent.recipient }));
          })
        }
      >
        <Form.Item name="workCenterId" label={t('soEmail.workCenter')} rules={[{ required: true }]}>
          <Select
            data-testid="so-email-center"
            options={(centers.data ?? []).map((c) => ({ value: c.id, disabled: !c.email, label: `${c.code} ${c.name} ${c.email ?? t('soEmail.noMailbox')}` }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('soEmail.note')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Form.Item name="attachWorkPlan" valuePropName="checked">
          <Checkbox>{t('soEmail.attach')}</Checkbox>
        </Form.Item>
      </Form>
    </FormModal>
  );
}
