/**
 * 批量转派: a supervisor selects tickets on the board or the ticket list and moves them to a person or
 * a team in one step (POST /api/tickets/bulk/assign). Each ticket is its own transfer on its own
 * timeline; the answer lists every ticket as moved or refused with the reason, and the dialog shows
 * that list before it closes — nothing partial is hidden.
 */
import { Alert, Button, Checkbox, Flex, Form, Input, List, Modal, Radio, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { listDepartments } from '../../services/departments';
import { bulkAssign, listDuty, type BulkAssignResult, type TicketSummary } from '../../services/tickets';
import { BULK_ASSIGN_MAX, TICKET_REASON_MIN } from '../../shared';
import { useRemote } from '../../useRemote';

const REASON_MAX = 500;

/** The bar above a selectable list: how many are selected, and the button that moves them. */
export function BulkAssignBar({ selected, onClear, onMoved }: { selected: TicketSummary[]; onClear(): void; onMoved(): void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  if (selected.length === 0) return null;
  const tooMany = selected.length > BULK_ASSIGN_MAX;
  return (
    <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }} data-testid="bulk-bar">
      <Typography.Text strong data-testid="bulk-count">
        {t('tickets.bulk.selected', { n: selected.length })}
      </Typography.Text>
      <Button type="primary" disabled={tooMany} onClick={() => setOpen(true)} data-testid="bulk-assign">
        {t('tickets.bulk.button')}
      </Button>
      <Button onClick={onClear}>{t('tickets.bulk.clear')}</Button>
      {tooMany && <Typography.Text type="warning">{t('tickets.bulk.max', { max: BULK_ASSIGN_MAX })}</Typography.Text>}
      {open && (
        <BulkAssignModal
          tickets={selected}
          onClose={(moved) => {
            setOpen(false);
            if (moved) {
              onClear();
              onMoved();
            }
          }}
        />
      )}
    </Flex>
  );
}

interface Values {
  target: 'person' | 'team';
  toUserId?: string;
  toTeamId?: string;
  reason: string;
  overCapacity?: boolean;
}

function BulkAssignModal({ tickets, onClose }: { tickets: TicketSummary[]; onClose(moved: boolean): void }) {
  const t = useT();
  const handleError = useRequestErrorHandler();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<BulkAssignResult | null>(null);
  const duty = useRemote((signal) => listDuty(signal), []);
  const departments = useRemote((signal) => listDepartments(signal), []);
  const target = Form.useWatch('target', form) ?? 'person';
  const numberOf = new Map(tickets.map((ticket) => [ticket.id, ticket.number]));

  async function submit(v: Values) {
    setSaving(true);
    try {
      setResult(
        await bulkAssign({
          items: tickets.map((ticket) => ({ id: ticket.id, version: ticket.version })),
          ...(v.target === 'person' ? { toUserId: v.toUserId } : { toTeamId: v.toTeamId }),
          reason: v.reason.trim(),
          ...(v.target === 'person' && v.overCapacity ? { overCapacity: true } : {}),
        }),
      );
    } catch (error) {
      handleError(error);
    } finally {
      setSaving(false);
    }
  }

  if (result) {
    return (
      <Modal
        open
        title={t('tickets.bulk.title', { n: tickets.length })}
        onCancel={() => onClose(result.moved > 0)}
        footer={
          <Button type="primary" onClick={() => onClose(result.moved > 0)} data-testid="bulk-done">
            {t('tickets.bulk.done')}
          </Button>
        }
      >
        <Alert
          type={result.refused ? 'warning' : 'success'}
          showIcon
          title={t('tickets.bulk.result', { moved: result.moved, refused: result.refused })}
          style={{ marginBottom: 12 }}
          data-testid="bulk-result"
        />
        <List
          size="small"
          dataSource={result.items}
          renderItem={(item) => (
            <List.Item data-testid="bulk-result-item" data-outcome={item.outcome}>
              <Flex gap={8} align="baseline" wrap>
                <strong>#{numberOf.get(item.id) ?? item.number}</strong>
                {item.outcome === 'moved' ? (
                  <Tag color="success">
                    {item.ownerName ? t('tickets.bulk.moved', { owner: item.ownerName }) : t('tickets.bulk.movedToTeam', { team: item.teamName ?? '' })}
                  </Tag>
                ) : (
                  <Typography.Text type="danger">{t('tickets.bulk.refused', { message: item.message ?? item.code ?? '' })}</Typography.Text>
                )}
              </Flex>
            </List.Item>
          )}
        />
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={t('tickets.bulk.title', { n: tickets.length })}
      okText={t('tickets.bulk.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      okButtonProps={{ 'data-testid': 'bulk-ok' } as never}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ target: 'person' }} data-testid="bulk-form">
        <Typography.Paragraph type="secondary">{t('tickets.bulk.hint')}</Typography.Paragraph>
        <Form.Item name="target" label={t('tickets.transfer.to')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'person', label: t('tickets.transfer.person') },
              { value: 'team', label: t('tickets.transfer.team') },
            ]}
          />
        </Form.Item>
        {target === 'person' ? (
          <>
            <Form.Item name="toUserId" label={t('tickets.transfer.person')} rules={[{ required: true, message: t('tickets.v.person') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={duty.loading}
                placeholder={t('tickets.transfer.personPlaceholder')}
                options={(duty.data ?? []).map((p) => ({
                  value: p.userId,
                  label: t('tickets.bulk.person', {
                    name: p.displayName,
                    state: t(p.onDuty ? 'tickets.bulk.onDuty' : 'tickets.bulk.offDuty'),
                    open: p.openTickets,
                    capacity: p.capacity,
                  }),
                }))}
                data-testid="bulk-person"
              />
            </Form.Item>
            <Form.Item name="overCapacity" valuePropName="checked" extra={t('tickets.bulk.overCapacityHint')}>
              <Checkbox>{t('tickets.bulk.overCapacity')}</Checkbox>
            </Form.Item>
          </>
        ) : (
          <Form.Item name="toTeamId" label={t('tickets.transfer.team')} rules={[{ required: true, message: t('tickets.v.team') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={departments.loading}
              options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
              placeholder={t('tickets.transfer.teamPlaceholder')}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('tickets.field.reason')}
          rules={[
            { required: true, whitespace: true, message: t('tickets.v.reason') },
            { min: TICKET_REASON_MIN, message: t('tickets.v.min2') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={REASON_MAX} showCount data-testid="bulk-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
