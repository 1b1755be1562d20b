/**
 * The customer tasks the signed-in person is to do (a 月结 customer moved: settle the account), with
 * the dialog that marks one done. Account managers see their own; supervisors everyone's.
 */
import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { formatDateTime } from '../../format';
import { useT, type Translate } from '../../i18n';
import { customerPath } from '../../paths';
import { completeCustomerTask, type CustomerTask } from '../../services/customers';
import { addressKindLabel } from './labels';

export function taskText(t: Translate, task: CustomerTask): string {
  const d = task.detail as { kind?: string; fromRegion?: string | null; region?: string | null; accounts?: string[] };
  return t('customers.tasks.settleDetail', {
    kind: addressKindLabel(t, d.kind ?? ''),
    from: d.fromRegion ?? t('common.none'),
    to: d.region ?? t('customers.tasks.removedTo'),
    accounts: (d.accounts ?? []).join('、'),
  });
}

function CompleteTaskModal({ task, onDone }: { task: CustomerTask; onDone: (saved: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const { save, modalProps } = useSaveDialog((saved) => {
    if (saved) void message.success(t('customers.taskDone'));
    onDone(saved);
  });
  return (
    <FormModal form={form} title={t('customers.tasks.completeTitle')} okText={t('customers.tasks.complete')} {...modalProps}>
      <Typography.Paragraph>{taskText(t, task)}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void save(() => completeCustomerTask(task.id, v.note))}>
        <Form.Item name="note" label={t('customers.tasks.note')} rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input.TextArea rows={3} placeholder={t('customers.tasks.notePlaceholder')} data-testid="task-note" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

export function TaskList({ tasks, onChanged, showCustomer }: { tasks: CustomerTask[]; onChanged: () => void; showCustomer: boolean }) {
  const t = useT();
  const [completing, setCompleting] = useState<CustomerTask | null>(null);
  if (tasks.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.tasks.none')} />;
  return (
    <>
      <List
        size="small"
        dataSource={tasks}
        renderItem={(task) => (
          <List.Item
            data-testid="customer-task"
            actions={
              task.status === 'open'
                ? [
                    <Button key="done" size="small" icon={<CheckOutlined />} onClick={() => setCompleting(task)} data-testid="task-complete">
                      {t('customers.tasks.complete')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color={task.status === 'open' ? 'orange' : 'green'}>{task.status === 'open' ? t('customers.tasks.settle_account') : t('customers.tasks.done')}</Tag>
                  {showCustomer && <Link to={customerPath(task.customerId)}>{task.customerName}</Link>}
                </Space>
              }
              description={
                <>
                  <div>{taskText(t, task)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('customers.tasks.assigneeIs', { name: task.assignee?.displayName ?? t('customers.tasks.supervisors') })} · {formatDateTime(task.createdAt).slice(0, 16)}
                    {task.doneNote ? ` · ${t('customers.tasks.doneNote', { note: task.doneNote })}` : ''}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      {completing && (
        <CompleteTaskModal
          task={completing}
          onDone={(saved) => {
            setCompleting(null);
            if (saved) onChanged();
          }}
        />
      )}
    </>
  );
}

export function TasksCard({ tasks, onChanged }: { tasks: CustomerTask[] | undefined; onChanged: () => void }) {
  const t = useT();
  if (!tasks || tasks.length === 0) return null;
  return (
    <Card title={t('customers.tasks.title')} size="small" style={{ marginBottom: 16 }} data-testid="customer-tasks">
      <TaskList tasks={tasks} onChanged={onChanged} showCustomer />
    </Card>
  );
}
