/**
 * Changing the ticket SLA (工单时限) as a new version, docs/product.md §7: every target of every rule,
 * narrower rules added (a kind narrowed to a priority and/or a customer tier) or removed, and the
 * general settings, with a note that says why. Every kind keeps its base rule. The versions before
 * are never rewritten; a changed number keeps its source and says what changed, when and why.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, InputNumber, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { ApiError } from '../../api';
import { FormModal } from '../../components/FormModal';
import { translate, useT, type MessageKey, type Translate } from '../../i18n';
import { saveSlaPolicy } from '../../services/reference';
import { POLICY_NOTE_MAX, POLICY_NOTE_MIN, type ClockBasis, type SlaPolicy, type SlaRule, type SlaTarget } from '../../shared';
import { basisLabel, durationLabel, priorityLabel, ticketKindLabel, tierLabel } from './labels';
import { RefusalAlert, usePolicySave, type Refusal } from './parts';
import { AddSlaRuleModal, type AddedRule } from './SlaRuleModal';
import {
  applyingRule,
  isBaseRule,
  minutesRules,
  scopeLabel,
  scopeRank,
  scopeTestId,
  TargetEditor,
  toTargetValues,
  type RuleScope,
  type RuleTargetValues,
  type TargetValues,
} from './sla-parts';

/** One row of the rules being edited: a rule of the version in force, or one added in this change. */
interface RuleRow {
  /** its targets' place in the form: `targets.<key>` */
  key: string;
  scope: RuleScope;
  /** the rule as the version in force has it; null for a rule added in this change */
  saved: SlaRule | null;
  /** where an added rule's numbers come from */
  source: string;
  /** a narrower rule of the version in force that this change removes */
  removed: boolean;
}

interface EditValues {
  targets: Record<string, RuleTargetValues>;
  warnPercent: number | null;
  callbackAfter: number | null;
  departmentReply: Omit<TargetValues, 'on'>;
  note: string;
}

const savedKey = (index: number) => `rule${index}`;

const scopeOf = (rule: SlaRule): RuleScope => ({
  kind: rule.kind,
  ...(rule.priority && { priority: rule.priority }),
  ...(rule.tier && { tier: rule.tier }),
});

/**
 * The lines a change adds to a source are stored with the version, so they are written in Chinese
 * like the default sources (src/domain/sla/policy.ts), whatever language this admin's console is in.
 */
const zh: Translate = (key, params) => translate(key, params, 'zh-CN');
const targetWords = (minutes: number, basis: ClockBasis) => `${durationLabel(zh, minutes)}（${basisLabel(zh, basis)}）`;

/** A changed number keeps where it came from and says what changed, in which version and why. */
function withChange(before: SlaTarget | null, minutes: number, basis: ClockBasis, version: number, note: string): SlaTarget {
  if (before && before.minutes === minutes && before.basis === basis) return before;
  const was = before ? targetWords(before.minutes, before.basis) : zh('reference.sla.noClock');
  const change = `v${version}：${was} → ${targetWords(minutes, basis)}（${note}）`;
  return { minutes, basis, source: before ? `${before.source}；${change}` : change };
}

/** A target of a rule added in this change: the source the admin gave, and the version it came in. */
const addedTarget = (values: TargetValues, source: string, version: number): SlaTarget | null =>
  values.on ? { minutes: Number(values.minutes), basis: values.basis, source: `${source}；v${version} 新增` } : null;

/** What the console adds to a refusal, by the server's error code. */
const REFUSAL_HINTS: Record<string, MessageKey> = {
  POLICY_INVALID: 'reference.sla.refused.POLICY_INVALID',
  VALIDATION_FAILED: 'reference.sla.refused.VALIDATION_FAILED',
  CONFLICT_STALE_VERSION: 'reference.sla.refused.CONFLICT_STALE_VERSION',
  FORBIDDEN: 'reference.sla.refused.FORBIDDEN',
};

/**
 * A refusal in words the admin can act on: the server's message (already in their language) with
 * `rules[3]` / `policy.rules.3` named as the rule they see in the list, and what to do about it.
 */
function explainRefusal(t: Translate, error: ApiError, sent: readonly RuleScope[]): Refusal {
  const message = error.message.replace(/\b(?:policy\.)?rules(?:\[(\d+)\]|\.(\d+))/g, (whole, bracket?: string, dotted?: string) => {
    const scope = sent[Number(bracket ?? dotted)];
    return scope ? t('reference.sla.ruleNamed', { rule: scopeLabel(t, scope) }) : whole;
  });
  return { code: error.code, message, hint: t(REFUSAL_HINTS[error.code] ?? 'reference.sla.refused.other') };
}

export function EditSlaModal({ version, policy, onDone }: { version: number; policy: SlaPolicy; onDone: (changed: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const { save, refusal, refusalProps, modalProps } = usePolicySave(onDone);
  const [adding, setAdding] = useState(false);
  const added = useRef(0);
  const next = version + 1;
  const [rows, setRows] = useState<RuleRow[]>(() =>
    policy.rules.map((rule, index) => ({ key: savedKey(index), scope: scopeOf(rule), saved: rule, source: '', removed: false })),
  );
  const shown = [...rows].sort((a, b) => scopeRank(a.scope) - scopeRank(b.scope));

  /** The targets as edited so far that apply to tickets of this scope: where a new rule starts from. */
  function targetsFor(scope: RuleScope): RuleTargetValues {
    const rule = applyingRule(
      rows.filter((row) => !row.removed),
      scope,
    );
    const values = rule ? (form.getFieldValue(['targets', rule.key]) as RuleTargetValues | undefined) : undefined;
    return structuredClone(values ?? { firstResponse: toTargetValues(null), resolution: toTargetValues(null) });
  }

  function addRule(rule: AddedRule) {
    added.current += 1;
    const key = `added${added.current}`;
    form.setFieldValue(['targets', key], rule.targets);
    setRows((current) => [...current, { key, scope: rule.scope, saved: null, source: rule.source, removed: false }]);
    void message.info(t('reference.sla.ruleAdded', { rule: scopeLabel(t, rule.scope) }));
  }

  function removeRule(row: RuleRow) {
    // Whatever its targets said is moot now (or, kept again, will be checked again on save).
    form.setFields(
      (['firstResponse', 'resolution'] as const).flatMap((which) =>
        (['on', 'minutes', 'basis'] as const).map((field) => ({ name: ['targets', row.key, which, field], errors: [] })),
      ),
    );
    // A rule added in this change goes; one of the version in force is marked, and can be kept again.
    setRows((current) =>
      row.saved ? current.map((r) => (r.key === row.key ? { ...r, removed: !r.removed } : r)) : current.filter((r) => r.key !== row.key),
    );
  }

  async function submit(values: EditValues) {
    const note = values.note.trim();
    const kept = rows.filter((row) => !row.removed);
    const rules: SlaRule[] = kept.map((row) => {
      const edited = values.targets[row.key]!;
      if (!row.saved) {
        return {
          ...row.scope,
          firstResponse: addedTarget(edited.firstResponse, row.source, next),
          resolution: addedTarget(edited.resolution, row.source, next),
        };
      }
      const before = row.saved;
      const target = (was: SlaTarget | null, v: TargetValues) => (v.on ? withChange(was, Number(v.minutes), v.basis, next, note) : null);
      return { ...before, firstResponse: target(before.firstResponse, edited.firstResponse), resolution: target(before.resolution, edited.resolution) };
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
    await save(
      async () => {
        const result = await saveSlaPolicy(updated, note, version);
        void message.success(t('reference.sla.saved', { version: result.version }));
      },
      (error) => explainRefusal(t, error, kept.map((row) => row.scope)),
    );
  }

  return (
    <FormModal
      {...modalProps}
      width={1080}
      title={t('reference.sla.editTitle', { version: next })}
      okText={t('reference.sla.saveVersion')}
      okButtonProps={{ 'data-testid': 'sla-save' }}
      form={form}
      styles={{ body: { maxHeight: '70vh', overflowY: 'auto', paddingInlineEnd: 8 } }}
    >
      <Alert type="info" showIcon title={t('reference.sla.neverRewritten')} style={{ marginBottom: 16 }} />
      <Form<EditValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          targets: Object.fromEntries(
            policy.rules.map((rule, index) => [savedKey(index), { firstResponse: toTargetValues(rule.firstResponse), resolution: toTargetValues(rule.resolution) }]),
          ),
          warnPercent: Math.round(policy.warnRatio * 100),
          callbackAfter: policy.callbackAfterResolutionMinutes,
          departmentReply: { minutes: policy.departmentReply.minutes, basis: policy.departmentReply.basis },
          note: '',
        }}
        data-testid="sla-form"
      >
        <Table<RuleRow>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={shown}
          style={{ marginBottom: 8 }}
          onRow={(row) => ({ 'data-testid': scopeTestId(row.scope), 'aria-label': scopeLabel(t, row.scope), style: row.removed ? { opacity: 0.55 } : undefined })}
          columns={[
            {
              title: t('reference.sla.col.kind'),
              key: 'rule',
              render: (_, row) => (
                <Space orientation="vertical" size={0}>
                  <Space size={6}>
                    <Typography.Text strong delete={row.removed}>
                      {ticketKindLabel(t, row.scope.kind)}
                    </Typography.Text>
                    {!row.saved && <Tag color="green">{t('reference.sla.newTag')}</Tag>}
                    {row.removed && <Tag color="red">{t('reference.sla.removedTag')}</Tag>}
                  </Space>
                  {!isBaseRule(row.scope) && (
                    <Typography.Text type="secondary" delete={row.removed} style={{ fontSize: 12 }}>
                      {[row.scope.priority && priorityLabel(t, row.scope.priority), row.scope.tier && tierLabel(t, row.scope.tier)]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            ...(['firstResponse', 'resolution'] as const).map((which) => ({
              title: t(`reference.sla.col.${which}`),
              key: which,
              render: (_: unknown, row: RuleRow) => (
                <Form.Item style={{ marginBottom: 0 }}>
                  <TargetEditor
                    name={['targets', row.key, which]}
                    disabled={row.removed}
                    complaintCeiling={which === 'resolution' && row.scope.kind === 'complaint' ? policy.statutoryComplaintCeilingMinutes : undefined}
                  />
                </Form.Item>
              ),
            })),
            {
              title: t('common.actions'),
              key: 'actions',
              width: 96,
              render: (_, row) =>
                isBaseRule(row.scope) ? (
                  <Tooltip title={t('reference.sla.baseRuleHint')}>
                    <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                      {t('reference.sla.baseRule')}
                    </Typography.Text>
                  </Tooltip>
                ) : (
                  <Button
                    type="link"
                    size="small"
                    danger={!row.removed}
                    onClick={() => removeRule(row)}
                    data-testid={`${scopeTestId(row.scope)}-${row.removed ? 'keep' : 'remove'}`}
                  >
                    {t(row.removed ? 'reference.sla.keepRule' : 'reference.sla.removeRule')}
                  </Button>
                ),
            },
          ]}
        />
        <Space size={12} align="center" style={{ marginBottom: 16 }} wrap>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="sla-add-rule">
            {t('reference.sla.addRule')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('reference.sla.addRuleHint')}
          </Typography.Text>
        </Space>
        <Space size={24} wrap align="start" style={{ display: 'flex' }}>
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
            <InputNumber precision={0} suffix={t('reference.sla.percentSuffix')} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="callbackAfter" label={t('reference.sla.callbackAfter')} rules={minutesRules(t)}>
            <InputNumber precision={0} suffix={t('reference.sla.minutesSuffix')} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item label={t('reference.sla.departmentReply')} required>
            <Space size={6}>
              <Form.Item name={['departmentReply', 'minutes']} noStyle rules={minutesRules(t)}>
                <InputNumber precision={0} suffix={t('reference.sla.minutesSuffix')} style={{ width: 130 }} />
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
      {refusal && (
        <RefusalAlert refusal={refusal} title={t('reference.sla.refused.title', { code: refusal.code })} testId="sla-save-error" {...refusalProps} />
      )}
      {adding && (
        <AddSlaRuleModal
          rules={rows}
          targetsFor={targetsFor}
          complaintCeiling={policy.statutoryComplaintCeilingMinutes}
          onAdd={addRule}
          onDone={() => setAdding(false)}
        />
      )}
    </FormModal>
  );
}
