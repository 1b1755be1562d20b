/**
 * Ticket categories and cause codes (工单分类 / 原因代码), docs/product.md §2: "cause codes feed
 * reports". Tickets keep the codes they were given, so a code is deactivated, never deleted, and
 * its code never changes.
 */
import { App, Card, Flex, Form, Input, InputNumber, Radio, Segmented, Table, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle, useT } from '../../i18n';
import { createTicketCode, listTicketCodes, updateTicketCode, type TicketCode, type TicketCodeKind } from '../../services/reference';
import { SORT_MAX, TICKET_CODE_MAX, TICKET_CODE_NAME_MAX, TICKET_CODE_PATTERN } from '../../shared';
import { useRemote } from '../../useRemote';
import { activeColumn, AddButton, editToggleColumn, requiredTextRules, ShowInactiveSwitch, useActiveToggle } from './parts';

const KINDS: readonly TicketCodeKind[] = ['category', 'cause'];
const CODE = new RegExp(TICKET_CODE_PATTERN);

type Dialog = { kind: 'add'; codeKind: TicketCodeKind } | { kind: 'edit'; code: TicketCode };

export default function TicketCodesTab() {
  const t = useT();
  const codes = useRemote((signal) => listTicketCodes(signal), []);
  const [kind, setKind] = useState<TicketCodeKind>('category');
  const [showInactive, setShowInactive] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  useDocumentTitle(t('reference.codes.title'));

  const all = codes.data?.items ?? [];
  const shown = all.filter((c) => c.kind === kind && (showInactive || c.active));
  const countOf = (k: TicketCodeKind) => all.filter((c) => c.kind === k && c.active).length;

  const nameOf = (code: TicketCode) => code.nameZh;
  const toggle = useActiveToggle(nameOf, (code, active) => updateTicketCode(code.code, { active }), codes.reload);

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
    activeColumn(t, 100),
    editToggleColumn(t, { nameOf, onEdit: (code) => setDialog({ kind: 'edit', code }), onToggle: toggle, width: 150 }),
  ];

  return (
    <>
      <PageHeader
        title={t('reference.codes.title')}
        subtitle={t('reference.codes.subtitle')}
        extra={
          <AddButton onClick={() => setDialog({ kind: 'add', codeKind: kind })} testId="codes-add">
            {t('reference.codes.add')}
          </AddButton>
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
          <ShowInactiveSwitch checked={showInactive} onChange={setShowInactive} />
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
  const [form] = Form.useForm<CodeValues>();
  const { save, modalProps } = useSaveDialog(onDone);
  const editing = dialog.kind === 'edit' ? dialog.code : null;

  const submit = (values: CodeValues) =>
    save(async () => {
      const names = { nameZh: values.nameZh.trim(), nameEn: values.nameEn.trim() };
      const sort = values.sort ?? undefined;
      if (editing) await updateTicketCode(editing.code, { ...names, ...(sort !== undefined && { sort }) });
      else await createTicketCode({ kind: values.kind, code: values.code.trim(), ...names, ...(sort !== undefined && { sort }) });
      void message.success(t('reference.saved'));
    });

  return (
    <FormModal
      {...modalProps}
      width={520}
      title={editing ? t('reference.codes.editTitle', { code: editing.code }) : t('reference.codes.addTitle')}
      okText={t('common.save')}
      form={form}
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
          <Input disabled={editing !== null} maxLength={TICKET_CODE_MAX} placeholder="customs_clearance" />
        </Form.Item>
        <Form.Item name="nameZh" label={t('reference.codes.nameZh')} rules={requiredTextRules(t, TICKET_CODE_NAME_MAX)}>
          <Input maxLength={TICKET_CODE_NAME_MAX} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('reference.codes.nameEn')} rules={requiredTextRules(t, TICKET_CODE_NAME_MAX * 2)}>
          <Input maxLength={TICKET_CODE_NAME_MAX * 2} />
        </Form.Item>
        <Form.Item name="sort" label={t('reference.codes.sort')} extra={t('reference.codes.sortHint')}>
          <InputNumber min={0} max={SORT_MAX} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
