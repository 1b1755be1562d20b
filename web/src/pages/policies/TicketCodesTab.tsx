/**
 * Ticket categories and cause codes (工单分类 / 原因代码), PRODUCT.md §2: "cause codes feed
 * reports". Tickets keep the codes they were given, so a code is deactivated, never deleted, and
 * its code never changes.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, InputNumber, Popconfirm, Radio, Segmented, Space, Switch, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle, useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { createTicketCode, listTicketCodes, updateTicketCode, type TicketCode, type TicketCodeKind } from '../../services/reference';
import { TICKET_CODE_NAME_MAX, TICKET_CODE_PATTERN } from '../../shared';
import { useRemote } from '../../useRemote';

const KINDS: readonly TicketCodeKind[] = ['category', 'cause'];
const CODE = new RegExp(TICKET_CODE_PATTERN);

type Dialog = { kind: 'add'; codeKind: TicketCodeKind } | { kind: 'edit'; code: TicketCode };

export default function TicketCodesTab() {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const codes = useRemote((signal) => listTicketCodes(signal), []);
  const [kind, setKind] = useState<TicketCodeKind>('category');
  const [showInactive, setShowInactive] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  useDocumentTitle(t('reference.codes.title'));

  const all = codes.data?.items ?? [];
  const shown = all.filter((c) => c.kind === kind && (showInactive || c.active));
  const countOf = (k: TicketCodeKind) => all.filter((c) => c.kind === k && c.active).length;

  async function toggle(code: TicketCode) {
    try {
      await updateTicketCode(code.code, { active: !code.active });
      void message.success(t(code.active ? 'reference.deactivated' : 'reference.activated', { name: code.nameZh }));
      codes.reload();
    } catch (error) {
      handleError(error);
    }
  }

  const columns: TableProps<TicketCode>['columns'] = [
    { title: t('reference.codes.col.code'), dataIndex: 'code', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
    {
      title: t('reference.codes.col.nameZh'),
      dataIndex: 'nameZh',
      render: (name: string, code) => (
        <Typography.Text strong delete={!code.active}>
          {name}
        </Typography.Text>
      ),
    },
    { title: t('reference.codes.col.nameEn'), dataIndex: 'nameEn' },
    { title: t('reference.codes.col.sort'), dataIndex: 'sort', width: 90 },
    {
      title: t('reference.col.status'),
      dataIndex: 'active',
      width: 100,
      render: (active: boolean) => (active ? <Tag color="success">{t('reference.status.active')}</Tag> : <Tag>{t('reference.status.inactive')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, code) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', code })}>
            {t('reference.edit')}
          </Button>
          {code.active ? (
            <Popconfirm
              title={t('reference.deactivateConfirm', { name: code.nameZh })}
              okText={t('reference.deactivate')}
              cancelText={t('common.cancel')}
              onConfirm={() => toggle(code)}
            >
              <Button type="link" size="small" danger>
                {t('reference.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => toggle(code)}>
              {t('reference.activate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('reference.codes.title')}
        subtitle={t('reference.codes.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add', codeKind: kind })} data-testid="codes-add">
            {t('reference.codes.add')}
          </Button>
        }
      />
      <Card>
        <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
          <Segmented<TicketCodeKind>
            value={kind}
            onChange={setKind}
            options={KINDS.map((k) => ({ value: k, label: `${t(`reference.codes.kind.${k}`)} ${countOf(k)}` }))}
            data-testid="codes-kind"
          />
          <Space>
            <Typography.Text>{t('reference.showInactive')}</Typography.Text>
            <Switch size="small" checked={showInactive} onChange={setShowInactive} />
          </Space>
        </Flex>
        <Table<TicketCode>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={shown}
          loading={codes.loading}
          pagination={false}
          data-testid="ticket-codes"
        />
      </Card>
      {dialog && (
        <CodeModal
          dialog={dialog}
          onDone={(changed) => {
            setDialog(null);
            if (changed) codes.reload();
          }}
        />
      )}
    </>
  );
}

interface CodeValues {
  kind: TicketCodeKind;
  code: string;
  nameZh: string;
  nameEn: string;
  sort: number | null;
}

function CodeModal({ dialog, onDone }: { dialog: Dialog; onDone: (changed: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const [form] = Form.useForm<CodeValues>();
  const [open, setOpen] = useState(true);
  const [saving, setSaving] = useState(false);
  const [changed, setChanged] = useState(false);
  const editing = dialog.kind === 'edit' ? dialog.code : null;

  async function submit(values: CodeValues) {
    setSaving(true);
    try {
      const names = { nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim() };
      const sort = values.sort ?? undefined;
      if (editing) await updateTicketCode(editing.code, { ...names, ...(sort !== undefined && { sort }) });
      else await createTicketCode({ kind: values.kind, code: values.code.trim(), ...names, ...(sort !== undefined && { sort }) });
      void message.success(t('reference.saved'));
      setChanged(true);
      setOpen(false);
    } catch (error) {
      handleError(error);
    } finally {
      setSaving(false);
    }
  }

  const nameRules = (max: number) => [
    { required: true, whitespace: true, message: t('reference.v.required') },
    { max, message: t('reference.v.max', { max }) },
  ];

  return (
    <FormModal
      open={open}
      width={520}
      title={editing ? t('reference.codes.editTitle', { code: editing.code }) : t('reference.codes.addTitle')}
      okText={t('common.save')}
      confirmLoading={saving}
      form={form}
      onClose={() => setOpen(false)}
      afterClose={() => onDone(changed)}
    >
      <Form<CodeValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          editing
            ? { kind: editing.kind, code: editing.code, nameZh: editing.nameZh, nameEn: editing.nameEn, sort: editing.sort }
            : { kind: dialog.kind === 'add' ? dialog.codeKind : 'category', code: '', nameZh: '', nameEn: '', sort: null }
        }
        data-testid="codes-form"
      >
        <Form.Item name="kind" label={t('reference.codes.kind')}>
          <Radio.Group optionType="button" disabled={editing !== null} options={KINDS.map((k) => ({ value: k, label: t(`reference.codes.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('reference.codes.code')}
          extra={editing ? undefined : t('reference.codes.codeHint')}
          rules={editing ? [] : [{ required: true, message: t('reference.v.required') }, { pattern: CODE, message: t('reference.codes.v.code') }]}
        >
          <Input disabled={editing !== null} maxLength={40} placeholder="customs_clearance" />
        </Form.Item>
        <Form.Item name="nameZh" label={t('reference.codes.nameZh')} rules={nameRules(TICKET_CODE_NAME_MAX)}>
          <Input maxLength={TICKET_CODE_NAME_MAX} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('reference.codes.nameEn')} rules={nameRules(TICKET_CODE_NAME_MAX * 2)}>
          <Input maxLength={TICKET_CODE_NAME_MAX * 2} />
        </Form.Item>
        <Form.Item name="sort" label={t('reference.codes.sort')} extra={t('reference.codes.sortHint')}>
          <InputNumber min={0} max={100_000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
