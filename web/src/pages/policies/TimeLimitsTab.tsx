/**
 * Time-limit policy (时效), docs/product.md §7: every number with its source, versioned. A change adds
 * a version with a note; the versions before it are never rewritten.
 */
import { EditOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type FormInstance,
  type TableProps,
} from 'antd';
import { useState } from 'react';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle, useT, type MessageKey } from '../../i18n';
import { policyRuleLabel, policyUnitLabel } from '../../labels';
import { createTimeLimitPolicy, getTimeLimitPolicies } from '../../services/policies';
import type { PolicyRule, TimeLimitPolicy } from '../../services/types';
import { TIME_LIMIT_RULE_KEYS, TIME_LIMIT_RULES, type TimeLimitRuleKey } from '../../shared';
import { useRemote } from '../../useRemote';
import { HistoryCard, readableSource, RefusalAlert, usePolicySave, versionColumns, versionFacts } from './parts';

/** Longest note the form accepts; the server has the last word. */
const NOTE_MAX = 500;

interface RuleRow extends PolicyRule {
  key: string;
  /** The value in the version before, when it differs. */
  previous?: number;
}

/**
 * The rules in the order the domain lists them (promises, complete delay, stalls, the rest); the
 * stored jsonb keeps no order. Rules the console does not know yet come last, as sent.
 */
function orderedEntries(rules: TimeLimitPolicy['rules']): [string, PolicyRule][] {
  const rank = (key: string) => {
    const i = (TIME_LIMIT_RULE_KEYS as readonly string[]).indexOf(key);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return Object.entries(rules).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The range the server accepts for a rule (src/domain/time-limits/policy.ts), if the console knows it. */
function boundsOf(key: string): { min: number; max: number } | undefined {
  return Object.hasOwn(TIME_LIMIT_RULES, key) ? TIME_LIMIT_RULES[key as TimeLimitRuleKey] : undefined;
}

function ruleRows(policy: TimeLimitPolicy, before?: TimeLimitPolicy): RuleRow[] {
  return orderedEntries(policy.rules).map(([key, rule]) => {
    const old = before?.rules[key]?.value;
    return { key, ...rule, ...(old !== undefined && old !== rule.value ? { previous: old } : {}) };
  });
}

function RulesTable({ rows, testId }: { rows: RuleRow[]; testId?: string }) {
  const t = useT();
  const columns: TableProps<RuleRow>['columns'] = [
    {
      title: t('policies.col.rule'),
      dataIndex: 'key',
      // The rule's name in words; its key (promiseSameCity …) is for the API, not for the admin.
      render: (key: string) => <span data-rule={key}>{policyRuleLabel(t, key)}</span>,
    },
    {
      title: t('policies.col.value'),
      dataIndex: 'value',
      render: (value: number, row) => (
        <Space size={8} style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text strong>
            {value} {policyUnitLabel(t, row.unit)}
          </Typography.Text>
          {row.previous !== undefined && (
            <Tag color="orange">{t('policies.changedFrom', { value: row.previous })}</Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('policies.col.source'),
      dataIndex: 'source',
      render: (source: string) => (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {readableSource(source)}
        </Typography.Text>
      ),
    },
  ];
  return (
    <div data-testid={testId}>
      <Table<RuleRow>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        tableLayout="auto"
      />
    </div>
  );
}

export default function TimeLimitsTab() {
  const t = useT();
  const policies = useRemote((signal) => getTimeLimitPolicies(signal), []);
  const [editing, setEditing] = useState(false);
  useDocumentTitle(t('policies.title'));

  const current = policies.data?.current;
  // Newest first; each version is compared with the one before it.
  const history = [...(policies.data?.history ?? [])].sort((a, b) => b.version - a.version);
  const before = (version: number) => history.find((p) => p.version < version);

  return (
    <>
      <PageHeader
        title={t('policies.title')}
        subtitle={t('policies.subtitle')}
        extra={
          current && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="policy-edit">
              {t('policies.edit')}
            </Button>
          )
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card
          loading={policies.loading && !current}
          title={current ? t('policies.currentTitle', { version: current.version }) : t('policies.currentTitleEmpty')}
          data-testid="policy-current"
        >
          {current ? (
            <>
              <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }} items={versionFacts(t, 'policies', current)} />
              <RulesTable rows={ruleRows(current, before(current.version))} testId="policy-rules" />
            </>
          ) : (
            !policies.loading && <Empty description={t('policies.none')} />
          )}
        </Card>
        <HistoryCard keys="policies">
          <div data-testid="policy-history">
            <Table<TimeLimitPolicy>
              rowKey="version"
              size="small"
              columns={versionColumns(t, 'policies', current?.version)}
              dataSource={history}
              loading={policies.loading}
              pagination={false}
              expandable={{
                expandedRowRender: (policy) => <RulesTable rows={ruleRows(policy, before(policy.version))} />,
              }}
            />
          </div>
        </HistoryCard>
      </Space>
      {editing && current && (
        <EditPolicyModal
          current={current}
          onDone={(outdated) => {
            setEditing(false);
            if (outdated) policies.reload();
          }}
        />
      )}
    </>
  );
}

/** Beside an edited value: what it was; otherwise the range the rule may take. */
function ChangedOrRange({
  form,
  ruleKey,
  was,
  hint,
}: {
  form: FormInstance<EditValues>;
  ruleKey: string;
  was: number;
  hint: string | undefined;
}) {
  const t = useT();
  const value = Form.useWatch(['values', ruleKey], form) as number | null | undefined;
  if (value !== undefined && value !== null && value !== was) {
    return <Tag color="orange">{t('policies.changedFrom', { value: was })}</Tag>;
  }
  return <Typography.Text type="secondary">{hint}</Typography.Text>;
}

interface EditValues {
  values: Record<string, number | null>;
  note: string;
}

/** What the console adds to a refusal, by the server's error code. */
const REFUSAL_HINTS: Record<string, MessageKey> = {
  POLICY_INVALID: 'policies.refused.POLICY_INVALID',
  CONFLICT_STALE_VERSION: 'policies.refused.CONFLICT_STALE_VERSION',
  FORBIDDEN: 'policies.refused.FORBIDDEN',
};

/**
 * `onDone(outdated)`: whether the page should load the policy again once the dialog has closed,
 * because this change was saved or because another admin's was (the refusal asks for a reload).
 */
function EditPolicyModal({ current, onDone }: { current: TimeLimitPolicy; onDone: (outdated: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const { save, refusal, refusalProps, modalProps } = usePolicySave(onDone);
  const entries = orderedEntries(current.rules);

  function rangeHint(key: string): string | undefined {
    const bounds = boundsOf(key);
    return bounds ? t('policies.range', { min: bounds.min, max: bounds.max }) : undefined;
  }

  async function submit(values: EditValues) {
    // Only the numbers that changed: each gets a line in its rule's source.
    const rules: Record<string, { value: number }> = {};
    for (const [key, rule] of entries) if (Number(values.values[key]) !== rule.value) rules[key] = { value: Number(values.values[key]) };
    if (Object.keys(rules).length === 0) {
      form.setFields([{ name: ['note'], errors: [t('policies.v.unchanged')] }]);
      return;
    }
    await save(
      async () => {
        // Made from the version this dialog shows: had another admin saved since, the server refuses.
        const saved = await createTimeLimitPolicy({ rules, note: values.note.trim(), baseVersion: current.version });
        void message.success(t('policies.saved', { version: saved.version }));
      },
      (error) => ({ code: error.code, message: error.message, hint: t(REFUSAL_HINTS[error.code] ?? 'policies.refused.other') }),
    );
  }

  return (
    <FormModal
      {...modalProps}
      width={720}
      title={t('policies.editTitle', { version: current.version + 1 })}
      okText={t('policies.saveVersion')}
      okButtonProps={{ 'data-testid': 'policy-save' }}
      form={form}
      styles={{ body: { maxHeight: '70vh', overflowY: 'auto', paddingInlineEnd: 8 } }}
    >
      <Alert type="info" showIcon title={t('policies.neverRewritten')} style={{ marginBottom: 16 }} />
      <Form<EditValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ values: Object.fromEntries(entries.map(([key, rule]) => [key, rule.value])), note: '' }}
        data-testid="policy-form"
      >
        <Table<[string, PolicyRule]>
          rowKey={([key]) => key}
          size="small"
          pagination={false}
          dataSource={entries}
          style={{ marginBottom: 16 }}
          columns={[
            {
              title: t('policies.col.rule'),
              key: 'rule',
              render: (_, [key, rule]) => (
                <Tooltip title={readableSource(rule.source)}>
                  <span>{policyRuleLabel(t, key)}</span>
                </Tooltip>
              ),
            },
            {
              title: t('policies.col.value'),
              key: 'value',
              width: 230,
              render: (_, [key, rule]) => (
                <Form.Item
                  name={['values', key]}
                  style={{ marginBottom: 0 }}
                  rules={[
                    { required: true, message: t('policies.v.valueRequired') },
                    {
                      // The same range the server checks (whole numbers within the rule's bounds).
                      validator: (_, value: number | null) => {
                        if (value === null || value === undefined) return Promise.resolve();
                        const bounds = boundsOf(key);
                        if (!Number.isInteger(value)) return Promise.reject(new Error(t('policies.v.integer')));
                        if (bounds && (value < bounds.min || value > bounds.max)) {
                          return Promise.reject(new Error(t('policies.v.range', { min: bounds.min, max: bounds.max })));
                        }
                        return value > 0 ? Promise.resolve() : Promise.reject(new Error(t('policies.v.positive')));
                      },
                    },
                  ]}
                >
                  <InputNumber
                    size="small"
                    min={boundsOf(key)?.min ?? 1}
                    max={boundsOf(key)?.max}
                    precision={0}
                    style={{ width: 150 }}
                    suffix={policyUnitLabel(t, rule.unit)}
                    data-rule={key}
                  />
                </Form.Item>
              ),
            },
            {
              title: t('policies.col.range'),
              key: 'range',
              render: (_, [key, rule]) => <ChangedOrRange form={form} ruleKey={key} was={rule.value} hint={rangeHint(key)} />,
            },
          ]}
        />
        <Form.Item
          name="note"
          label={t('policies.note')}
          extra={t('policies.noteHint')}
          rules={[
            { required: true, whitespace: true, message: t('policies.v.noteRequired') },
            { max: NOTE_MAX, message: t('policies.v.noteLength', { max: NOTE_MAX }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={NOTE_MAX} showCount data-testid="policy-note" />
        </Form.Item>
      </Form>
      {refusal && (
        <RefusalAlert refusal={refusal} title={t('policies.refused.title', { code: refusal.code })} testId="policy-save-error" {...refusalProps} />
      )}
    </FormModal>
  );
}
