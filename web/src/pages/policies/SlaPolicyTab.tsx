/**
 * Ticket SLA (工单时限), PRODUCT.md §7: first-response and resolution targets by ticket kind,
 * priority and customer tier, each with its source, versioned. A change adds a version with a
 * note; the versions before it are never rewritten.
 */
import { EditOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type FormInstance,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle, useT, type Translate } from '../../i18n';
import { getSlaPolicy, getSlaPolicyVersion, saveSlaPolicy, type SlaPolicyVersion } from '../../services/reference';
import {
  CUSTOMER_TIERS,
  POLICY_NOTE_MAX,
  POLICY_NOTE_MIN,
  PRIORITIES,
  TICKET_KINDS,
  type ClockBasis,
  type SlaPolicy,
  type SlaRule,
  type SlaTarget,
} from '../../shared';
import { useRemote } from '../../useRemote';
import { basisLabel, durationLabel, priorityLabel, ticketKindLabel, tierLabel } from './labels';
import { HistoryCard, versionColumns, versionFacts } from './parts';

/** Rules in the order of the ticket kinds, the base rule of a kind before its narrower ones. */
function orderedRules(policy: SlaPolicy): { index: number; rule: SlaRule }[] {
  const rank = (rule: SlaRule) =>
    TICKET_KINDS.indexOf(rule.kind) * 100 +
    (rule.priority ? 10 + PRIORITIES.indexOf(rule.priority) : 0) +
    (rule.tier ? 1 + CUSTOMER_TIERS.indexOf(rule.tier) : 0);
  return policy.rules.map((rule, index) => ({ index, rule })).sort((a, b) => rank(a.rule) - rank(b.rule));
}

function TargetView({ target }: { target: SlaTarget | null }) {
  const t = useT();
  if (!target) return <Typography.Text type="secondary">{t('reference.sla.noClock')}</Typography.Text>;
  return (
    <Space size={6} style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text strong>{durationLabel(t, target.minutes)}</Typography.Text>
      <Tag color={target.basis === 'business' ? 'geekblue' : 'default'}>{basisLabel(t, target.basis)}</Tag>
    </Space>
  );
}

function ruleScope(t: Translate, rule: SlaRule) {
  return {
    priority: rule.priority ? priorityLabel(t, rule.priority) : null,
    tier: rule.tier ? tierLabel(t, rule.tier) : null,
  };
}

function RulesTable({ policy, testId }: { policy: SlaPolicy; testId?: string }) {
  const t = useT();
  const any = <Typography.Text type="secondary">{t('reference.sla.any')}</Typography.Text>;
  const columns: TableProps<{ index: number; rule: SlaRule }>['columns'] = [
    {
      title: t('reference.sla.col.kind'),
      key: 'kind',
      render: (_, { rule }) => <Typography.Text strong={!rule.priority && !rule.tier}>{ticketKindLabel(t, rule.kind)}</Typography.Text>,
    },
    { title: t('reference.sla.col.priority'), key: 'priority', render: (_, { rule }) => ruleScope(t, rule).priority ?? any },
    { title: t('reference.sla.col.tier'), key: 'tier', render: (_, { rule }) => ruleScope(t, rule).tier ?? any },
    { title: t('reference.sla.col.firstResponse'), key: 'firstResponse', render: (_, { rule }) => <TargetView target={rule.firstResponse} /> },
    { title: t('reference.sla.col.resolution'), key: 'resolution', render: (_, { rule }) => <TargetView target={rule.resolution} /> },
    {
      title: t('reference.col.source'),
      key: 'source',
      render: (_, { rule }) => (
        <Space orientation="vertical" size={2}>
          {rule.firstResponse && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('reference.sla.sourceOf', { what: t('reference.sla.col.firstResponse'), source: rule.firstResponse.source })}
            </Typography.Text>
          )}
          {rule.resolution && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('reference.sla.sourceOf', { what: t('reference.sla.col.resolution'), source: rule.resolution.source })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
  ];
  return (
    <div data-testid={testId}>
      <Table
        rowKey="index"
        size="small"
        columns={columns?.map((column) => ({ ...column, onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }) }))}
        dataSource={orderedRules(policy)}
        pagination={false}
        tableLayout="auto"
      />
    </div>
  );
}

function GeneralSettings({ policy }: { policy: SlaPolicy }) {
  const t = useT();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, lg: 2 }}
      bordered
      items={[
        { key: 'warn', label: t('reference.sla.warnRatio'), children: t('reference.sla.warnRatioValue', { percent: Math.round(policy.warnRatio * 100) }) },
        {
          key: 'callback',
          label: t('reference.sla.callbackAfter'),
          children: t('reference.sla.callbackAfterValue', { duration: durationLabel(t, policy.callbackAfterResolutionMinutes) }),
        },
        {
          key: 'department',
          label: t('reference.sla.departmentReply'),
          children: (
            <Space orientation="vertical" size={2}>
              <TargetView target={policy.departmentReply} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {policy.departmentReply.source}
              </Typography.Text>
            </Space>
          ),
        },
        {
          key: 'ceiling',
          label: t('reference.sla.ceiling'),
          children: t('reference.sla.ceilingValue', { duration: durationLabel(t, policy.statutoryComplaintCeilingMinutes) }),
        },
      ]}
    />
  );
}

function VersionRules({ version }: { version: number }) {
  const loaded = useRemote((signal) => getSlaPolicyVersion(version, signal), [version]);
  if (!loaded.data) return <Card loading size="small" variant="borderless" />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <GeneralSettings policy={loaded.data.policy} />
      <RulesTable policy={loaded.data.policy} />
    </Space>
  );
}

export default function SlaPolicyTab() {
  const t = useT();
  const remote = useRemote((signal) => getSlaPolicy(signal), []);
  const [editing, setEditing] = useState(false);
  useDocumentTitle(t('reference.sla.title'));
  const current = remote.data;

  return (
    <>
      <PageHeader
        title={t('reference.sla.title')}
        subtitle={t('reference.sla.subtitle')}
        extra={
          current && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="sla-edit">
              {t('reference.sla.edit')}
            </Button>
          )
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card
          loading={remote.loading && !current}
          title={current ? t('reference.sla.currentTitle', { version: current.version }) : t('reference.sla.currentTitleEmpty')}
          data-testid="sla-current"
        >
          {current ? (
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Descriptions size="small" column={{ xs: 1, md: 3 }} items={versionFacts(t, 'reference.sla', current)} />
              <div>
                <Typography.Title level={5}>{t('reference.sla.rulesTitle')}</Typography.Title>
                <Typography.Paragraph type="secondary">{t('reference.sla.rulesHint')}</Typography.Paragraph>
                <RulesTable policy={current.policy} testId="sla-rules" />
              </div>
              <div>
                <Typography.Title level={5}>{t('reference.sla.generalTitle')}</Typography.Title>
                <GeneralSettings policy={current.policy} />
              </div>
            </Space>
          ) : (
            !remote.loading && <Empty />
          )}
        </Card>
        <HistoryCard keys="reference.sla">
          <Table<SlaPolicyVersion>
            rowKey="version"
            size="small"
            columns={versionColumns(t, 'reference.sla', current?.version)}
            dataSource={current?.versions ?? []}
            loading={remote.loading}
            pagination={false}
            expandable={{ expandedRowRender: (row) => <VersionRules version={row.version} /> }}
            data-testid="sla-history"
          />
        </HistoryCard>
      </Space>
      {editing && current && (
        <EditSlaModal
          version={current.version}
          policy={current.policy}
          onDone={(changed) => {
            setEditing(false);
            if (changed) remote.reload();
          }}
        />
      )}
    </>
  );
}

// ---- Editing: a new version ----

interface TargetValues {
  on: boolean;
  minutes: number | null;
  basis: ClockBasis;
}

interface EditValues {
  rules: { firstResponse: TargetValues; resolution: TargetValues }[];
  warnPercent: number | null;
  callbackAfter: number | null;
  departmentReply: Omit<TargetValues, 'on'>;
  note: string;
}

const toValues = (target: SlaTarget | null): TargetValues => ({
  on: target !== null,
  minutes: target?.minutes ?? null,
  basis: target?.basis ?? 'calendar',
});

/** A changed number keeps where it came from and says what changed, in which version and why. */
function withChange(before: SlaTarget | null, minutes: number, basis: ClockBasis, version: number, note: string): SlaTarget {
  if (before && before.minutes === minutes && before.basis === basis) return before;
  const was = before ? `${before.minutes} min ${before.basis}` : 'no clock';
  const change = `v${version}: ${was} → ${minutes} min ${basis} (${note})`;
  return { minutes, basis, source: before ? `${before.source}; ${change}` : change };
}

function MinutesRules(t: Translate) {
  return [
    {
      validator: (_: unknown, value: number | null) =>
        value !== null && value !== undefined && Number.isInteger(value) && value > 0
          ? Promise.resolve()
          : Promise.reject(new Error(t('reference.sla.v.minutes'))),
    },
  ];
}

function TargetEditor({ form, name }: { form: FormInstance<EditValues>; name: (string | number)[] }) {
  const t = useT();
  const on = Form.useWatch([...name, 'on'], form) as boolean | undefined;
  const minutes = Form.useWatch([...name, 'minutes'], form) as number | null | undefined;
  return (
    <Space size={6} align="start" wrap={false}>
      <Form.Item name={[...name, 'on']} valuePropName="checked" style={{ marginBottom: 0 }}>
        <Checkbox>{t('reference.sla.clock')}</Checkbox>
      </Form.Item>
      <Form.Item name={[...name, 'minutes']} style={{ marginBottom: 0 }} rules={on ? MinutesRules(t) : []}>
        <InputNumber size="small" min={1} precision={0} disabled={!on} style={{ width: 110 }} suffix={t('reference.sla.minutesSuffix')} />
      </Form.Item>
      <Form.Item name={[...name, 'basis']} style={{ marginBottom: 0 }}>
        <Select
          size="small"
          disabled={!on}
          style={{ width: 100 }}
          options={(['calendar', 'business'] as const).map((basis) => ({ value: basis, label: basisLabel(t, basis) }))}
        />
      </Form.Item>
      <Typography.Text type="secondary" style={{ fontSize: 12, lineHeight: '24px', minWidth: 64, whiteSpace: 'nowrap' }}>
        {on && typeof minutes === 'number' && minutes > 0 ? durationLabel(t, minutes) : ''}
      </Typography.Text>
    </Space>
  );
}

function EditSlaModal({ version, policy, onDone }: { version: number; policy: SlaPolicy; onDone: (changed: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const { save, modalProps } = useSaveDialog(onDone);
  const next = version + 1;
  const rows = orderedRules(policy);

  async function submit(values: EditValues) {
    const note = values.note.trim();
    const rules: SlaRule[] = policy.rules.map((rule, index) => {
      const edited = values.rules[index]!;
      const target = (before: SlaTarget | null, v: TargetValues) => (v.on ? withChange(before, Number(v.minutes), v.basis, next, note) : null);
      return { ...rule, firstResponse: target(rule.firstResponse, edited.firstResponse), resolution: target(rule.resolution, edited.resolution) };
    });
    const updated: SlaPolicy = {
      ...policy,
      rules,
      warnRatio: Number(values.warnPercent) / 100,
      callbackAfterResolutionMinutes: Number(values.callbackAfter),
      departmentReply: withChange(policy.departmentReply, Number(values.departmentReply.minutes), values.departmentReply.basis, next, note),
    };
    if (JSON.stringify(updated) === JSON.stringify(policy)) {
      form.setFields([{ name: ['note'], errors: [t('reference.sla.v.unchanged')] }]);
      return;
    }
    await save(async () => {
      const saved = await saveSlaPolicy(updated, note);
      void message.success(t('reference.sla.saved', { version: saved.version }));
    });
  }

  return (
    <FormModal
      {...modalProps}
      width={1000}
      title={t('reference.sla.editTitle', { version: next })}
      okText={t('reference.sla.saveVersion')}
      form={form}
      styles={{ body: { maxHeight: '70vh', overflowY: 'auto', paddingInlineEnd: 8 } }}
    >
      <Alert type="info" showIcon title={t('reference.sla.neverRewritten')} style={{ marginBottom: 16 }} />
      <Form<EditValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          rules: policy.rules.map((rule) => ({ firstResponse: toValues(rule.firstResponse), resolution: toValues(rule.resolution) })),
          warnPercent: Math.round(policy.warnRatio * 100),
          callbackAfter: policy.callbackAfterResolutionMinutes,
          departmentReply: { minutes: policy.departmentReply.minutes, basis: policy.departmentReply.basis },
          note: '',
        }}
        data-testid="sla-form"
      >
        <Table
          rowKey="index"
          size="small"
          pagination={false}
          dataSource={rows}
          style={{ marginBottom: 16 }}
          columns={[
            {
              title: t('reference.sla.col.kind'),
              key: 'rule',
              render: (_, { rule }) => {
                const scope = ruleScope(t, rule);
                return (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text strong>{ticketKindLabel(t, rule.kind)}</Typography.Text>
                    {(scope.priority || scope.tier) && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {[scope.priority, scope.tier].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    )}
                  </Space>
                );
              },
            },
            {
              title: t('reference.sla.col.firstResponse'),
              key: 'firstResponse',
              render: (_, { index }) => <TargetEditor form={form} name={['rules', index, 'firstResponse']} />,
            },
            {
              title: t('reference.sla.col.resolution'),
              key: 'resolution',
              render: (_, { index }) => <TargetEditor form={form} name={['rules', index, 'resolution']} />,
            },
          ]}
        />
        <Space size={24} wrap align="start">
          <Form.Item
            name="warnPercent"
            label={t('reference.sla.warnRatio')}
            rules={[
              {
                validator: (_, value: number | null) =>
                  value !== null && Number.isInteger(value) && value >= 1 && value <= 99
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('reference.sla.v.warnRatio'))),
              },
            ]}
          >
            <InputNumber min={1} max={99} precision={0} suffix={t('reference.sla.percentSuffix')} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="callbackAfter" label={t('reference.sla.callbackAfter')} rules={MinutesRules(t)}>
            <InputNumber min={1} precision={0} suffix={t('reference.sla.minutesSuffix')} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item label={t('reference.sla.departmentReply')} required>
            <Space size={6}>
              <Form.Item name={['departmentReply', 'minutes']} noStyle rules={MinutesRules(t)}>
                <InputNumber min={1} precision={0} suffix={t('reference.sla.minutesSuffix')} style={{ width: 130 }} />
              </Form.Item>
              <Form.Item name={['departmentReply', 'basis']} noStyle>
                <Select
                  style={{ width: 110 }}
                  options={(['calendar', 'business'] as const).map((basis) => ({ value: basis, label: basisLabel(t, basis) }))}
                />
              </Form.Item>
            </Space>
          </Form.Item>
        </Space>
        <Form.Item
          name="note"
          label={t('reference.sla.note')}
          extra={t('reference.sla.noteHint')}
          required
          rules={[
            {
              validator: (_, value: string | undefined) =>
                (value ?? '').trim().length >= POLICY_NOTE_MIN
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('reference.sla.v.noteRequired', { min: POLICY_NOTE_MIN }))),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={POLICY_NOTE_MAX} showCount data-testid="sla-note" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
