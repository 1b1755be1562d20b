/**
 * Targets (考核指标) and their history: every version per KPI and scope, the one in force today
 * marked; managers and admins add a version (a new value, a correction, or a team's or station's
 * withdrawal) from a day on, with why. Nothing is edited in place.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Radio, Select, Space, Switch, Table, Tag, Typography, type TableProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { dimensionsOf, KPIS, kpiById } from '../../../../src/domain/kpis/registry';
import { useAuth } from '../../auth';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { formatDateTime, todayIn } from '../../format';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { listDepartments } from '../../services/departments';
import { listTargets, setTarget, type TargetEntry } from '../../services/kpis';
import { useRemote } from '../../useRemote';
import { formatKpi, isMoney, labelled } from './format';

export function Targets() {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  const [kpiId, setKpiId] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const targets = useRemote((signal) => listTargets({ kpiId }, signal), [kpiId]);
  const kpiName = (id: string) => kpiById(id)?.name[locale] ?? id;
  const unitOf = (id: string) => kpiById(id)?.unit ?? '';
  const columns: TableProps<TargetEntry>['columns'] = [
    { title: t('kpis.kpi'), key: 'kpi', render: (_, r) => kpiName(r.kpiId) },
    {
      title: t('kpis.targets.col.scope'),
      key: 'scope',
      render: (_, r) => (r.scope.kind === 'company' ? t('kpis.targets.scope.company') : labelled(locale, t(`kpis.targets.scope.${r.scope.kind}` as MessageKey), r.scope.label ?? r.scope.id)),
    },
    { title: t('kpis.targets.col.value'), key: 'value', align: 'right', render: (_, r) => (r.value === null ? t('kpis.targets.withdrawn') : formatKpi(t, unitOf(r.kpiId), r.value)) },
    { title: t('kpis.targets.col.direction'), key: 'direction', render: (_, r) => t(`kpis.better.${r.direction}` as MessageKey) },
    { title: t('kpis.targets.col.validFrom'), dataIndex: 'validFrom', width: 190, render: (v: string, r) => (r.inForce ? <Space size={4}>{v}<Tag color="blue">{t('kpis.targets.inForce')}</Tag></Space> : v) },
    { title: t('kpis.targets.col.reason'), dataIndex: 'reason', ellipsis: true },
    { title: t('kpis.targets.col.setBy'), dataIndex: 'setBy', width: 100 },
    { title: t('kpis.targets.col.setAt'), dataIndex: 'setAt', width: 160, render: (v: string) => formatDateTime(v) },
  ];
  return (
    <Card size="small" data-testid="kpi-targets">
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Select allowClear style={{ minWidth: 220 }} placeholder={t('kpis.kpi')} value={kpiId} onChange={(v: string | undefined) => setKpiId(v)} options={KPIS.map((k) => ({ value: k.id, label: k.name[locale] }))} aria-label={t('kpis.kpi')} />
        {can('policies.manage') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="kpi-target-add">
            {t('kpis.targets.add')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('kpis.targets.readOnly')}</Typography.Text>
        )}
      </Flex>
      <Typography.Paragraph type="secondary">{t('kpis.targets.hint')}</Typography.Paragraph>
      <Table rowKey="id" size="small" loading={targets.loading} dataSource={targets.data?.targets ?? []} columns={columns} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 900 }} />
      {adding && (
        <TargetDialog
          initialKpi={kpiId}
          onClosed={(saved) => {
            setAdding(false);
            if (saved) targets.reload();
          }}
        />
      )}
    </Card>
  );
}

interface Values {
  kpiId: string;
  scopeKind: 'company' | 'team' | 'station';
  teamId?: string;
  station?: string;
  withdraw?: boolean;
  value?: number;
  validFrom: Dayjs;
  reason: string;
}

function TargetDialog({ initialKpi, onClosed }: { initialKpi?: string; onClosed: (saved: boolean) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { save, modalProps } = useSaveDialog((saved) => {
    if (saved) void message.success(t('kpis.targets.saved'));
    onClosed(saved);
  });
  const departments = useRemote((signal) => listDepartments(signal), []);
  const kpiId = Form.useWatch('kpiId', form) ?? initialKpi;
  const scopeKind = Form.useWatch('scopeKind', form) ?? 'company';
  const withdraw = Form.useWatch('withdraw', form) ?? false;
  const kpi = kpiId ? kpiById(kpiId) : undefined;
  const dims = kpi ? dimensionsOf(kpi) : [];
  const unit = kpi?.unit ?? 'percent';
  const submit = (v: Values) =>
    save(() =>
      setTarget({
        kpiId: v.kpiId,
        scope: v.scopeKind === 'company' ? { kind: 'company' } : { kind: v.scopeKind, id: v.scopeKind === 'team' ? v.teamId : v.station },
        // Money is typed in yuan and kept in fen.
        value: v.withdraw ? null : isMoney(unit) ? Math.round((v.value ?? 0) * 100) : (v.value ?? 0),
        validFrom: v.validFrom.format('YYYY-MM-DD'),
        reason: v.reason,
      }),
    );
  return (
    <FormModal {...modalProps} form={form} title={t('kpis.targets.add')} okText={t('common.save')}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kpiId: initialKpi, scopeKind: 'company', validFrom: dayjs(todayIn()) }}
        autoComplete="off"
        data-testid="kpi-target-form"
      >
        <Form.Item name="kpiId" label={t('kpis.kpi')} rules={[{ required: true }]}>
          <Select options={KPIS.filter((k) => k.available).map((k) => ({ value: k.id, label: k.name[locale] }))} />
        </Form.Item>
        <Form.Item name="scopeKind" label={t('kpis.targets.form.scope')}>
          <Radio.Group>
            <Radio value="company">{t('kpis.targets.scope.company')}</Radio>
            <Radio value="team" disabled={!dims.includes('team')}>
              {t('kpis.targets.scope.team')}
            </Radio>
            <Radio value="station" disabled={!dims.includes('station')}>
              {t('kpis.targets.scope.station')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {scopeKind === 'team' && (
          <Form.Item name="teamId" label={t('kpis.targets.form.team')} rules={[{ required: true }]}>
            <Select options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))} showSearch optionFilterProp="label" />
          </Form.Item>
        )}
        {scopeKind === 'station' && (
          <Form.Item name="station" label={t('kpis.targets.form.station')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        {scopeKind !== 'company' && (
          <Form.Item name="withdraw" label={t('kpis.targets.form.withdraw')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        {!withdraw && (
          <Form.Item name="value" label={t('kpis.targets.form.value', { unit: t(`kpis.unit.${unit}` as MessageKey) })} rules={[{ required: true }]}>
            <InputNumber min={0} max={unit === 'percent' ? 100 : undefined} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="validFrom" label={t('kpis.targets.form.validFrom')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('kpis.targets.form.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
