/**
 * Adding a narrower SLA rule (细分规则) to the version being edited: a ticket kind narrowed to a
 * priority and/or a customer tier, with its own targets and where they come from. The rule only
 * joins the list; it is saved with the rest of the new version.
 *
 * Stopped here rather than by the server (validateSlaPolicy): a rule without priority and tier
 * (every kind already has its base rule), a second rule for the same kind, priority and tier, a
 * target of 0 minutes or less, and a complaint resolution that breaks 《快递暂行条例》.
 */
import { Alert, Form, Input, Select, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n';
import { CUSTOMER_TIERS, PRIORITIES, REFERENCE_SOURCE_MAX, TICKET_KINDS, type CustomerTier, type Priority, type TicketKind } from '../../shared';
import { priorityLabel, ticketKindLabel, tierLabel } from './labels';
import { requiredTextRules } from './parts';
import { scopeKey, scopeLabel, TargetEditor, type RuleScope, type RuleTargetValues, type TargetValues } from './sla-parts';

const ANY = 'any';

interface AddRuleValues extends RuleTargetValues {
  kind?: TicketKind;
  priority: Priority | typeof ANY;
  tier: CustomerTier | typeof ANY;
  source: string;
}

export interface AddedRule {
  scope: RuleScope;
  targets: RuleTargetValues;
  /** where the numbers come from, kept with each target */
  source: string;
}

function scopeOf(values: Pick<AddRuleValues, 'kind' | 'priority' | 'tier'>): RuleScope | null {
  if (!values.kind) return null;
  return {
    kind: values.kind,
    ...(values.priority !== ANY && { priority: values.priority }),
    ...(values.tier !== ANY && { tier: values.tier }),
  };
}

const BLANK_TARGETS: RuleTargetValues = {
  firstResponse: { on: true, minutes: null, basis: 'calendar' },
  resolution: { on: true, minutes: null, basis: 'calendar' },
};

const sameTarget = (a: TargetValues, b: TargetValues) => a.on === b.on && a.minutes === b.minutes && a.basis === b.basis;
const sameTargets = (a: RuleTargetValues, b: RuleTargetValues) => sameTarget(a.firstResponse, b.firstResponse) && sameTarget(a.resolution, b.resolution);

export function AddSlaRuleModal({
  rules,
  targetsFor,
  complaintCeiling,
  onAdd,
  onDone,
}: {
  /** the rules of the version being edited, those marked for removal included */
  rules: readonly { scope: RuleScope; removed: boolean }[];
  /** the targets that apply today to tickets of a scope, to start from */
  targetsFor(scope: RuleScope): RuleTargetValues;
  complaintCeiling: number;
  onAdd(rule: AddedRule): void;
  onDone(): void;
}) {
  const t = useT();
  const [form] = Form.useForm<AddRuleValues>();
  const [open, setOpen] = useState(true);
  const kind = Form.useWatch('kind', form);
  const prefilled = useRef<RuleTargetValues>(BLANK_TARGETS);

  function submit(values: AddRuleValues) {
    const scope = scopeOf(values);
    if (!scope) return;
    if (!scope.priority && !scope.tier) {
      form.setFields([{ name: 'tier', errors: [t('reference.sla.v.narrower')] }]);
      return;
    }
    onAdd({ scope, targets: { firstResponse: values.firstResponse, resolution: values.resolution }, source: values.source.trim() });
    setOpen(false);
  }

  // The scope is checked as a whole and shown under the three pickers.
  function checkScope(): Promise<void> {
    const scope = scopeOf(form.getFieldsValue(['kind', 'priority', 'tier']) as AddRuleValues);
    if (!scope) return Promise.resolve(); // the kind's own rule says so
    if (!scope.priority && !scope.tier) {
      // Not while the admin is still choosing the kind; saying OK so early is answered in submit.
      if (!form.isFieldsTouched(['priority', 'tier'])) return Promise.resolve();
      return Promise.reject(new Error(t('reference.sla.v.narrower')));
    }
    const same = rules.find((rule) => scopeKey(rule.scope) === scopeKey(scope));
    if (same) {
      const rule = scopeLabel(t, scope);
      return Promise.reject(new Error(t(same.removed ? 'reference.sla.v.duplicateRemoved' : 'reference.sla.v.duplicate', { rule })));
    }
    return Promise.resolve();
  }

  return (
    <FormModal
      open={open}
      onClose={() => setOpen(false)}
      afterClose={onDone}
      width={640}
      title={t('reference.sla.addRuleTitle')}
      okText={t('reference.sla.addRuleOk')}
      okButtonProps={{ 'data-testid': 'sla-rule-add-ok' }}
      form={form}
    >
      <Typography.Paragraph type="secondary">{t('reference.sla.addRuleIntro')}</Typography.Paragraph>
      <Form<AddRuleValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ priority: ANY, tier: ANY, ...BLANK_TARGETS, source: '' }}
        onValuesChange={(changed: Partial<AddRuleValues>, all) => {
          // Start from what applies today, as long as the targets are still the ones we put there.
          if (!('kind' in changed || 'priority' in changed || 'tier' in changed)) return;
          const scope = scopeOf(all);
          if (!scope || !sameTargets(all, prefilled.current)) return;
          prefilled.current = targetsFor(scope);
          form.setFieldsValue(prefilled.current);
        }}
        data-testid="sla-rule-form"
      >
        <Form.Item label={t('reference.sla.scope')} required>
          <Space wrap>
            <Form.Item name="kind" noStyle rules={[{ required: true, message: t('reference.sla.v.kind') }]}>
              <Select
                style={{ width: 170 }}
                prefix={t('reference.sla.col.kind')}
                placeholder={t('reference.sla.chooseKind')}
                options={TICKET_KINDS.map((value) => ({ value, label: ticketKindLabel(t, value) }))}
                data-testid="sla-rule-kind"
              />
            </Form.Item>
            <Form.Item name="priority" noStyle>
              <Select
                style={{ width: 160 }}
                prefix={t('reference.sla.col.priority')}
                options={[
                  { value: ANY, label: t('reference.sla.any') },
                  ...PRIORITIES.map((value) => ({ value, label: priorityLabel(t, value) })),
                ]}
                data-testid="sla-rule-priority"
              />
            </Form.Item>
            <Form.Item name="tier" noStyle dependencies={['kind', 'priority']} rules={[{ validator: checkScope }]}>
              <Select
                style={{ width: 190 }}
                prefix={t('reference.sla.col.tier')}
                options={[{ value: ANY, label: t('reference.sla.any') }, ...CUSTOMER_TIERS.map((value) => ({ value, label: tierLabel(t, value) }))]}
                data-testid="sla-rule-tier"
              />
            </Form.Item>
          </Space>
        </Form.Item>
        <Alert type="info" showIcon title={t('reference.sla.addRuleReplaces')} style={{ marginBottom: 16 }} />
        <Form.Item label={t('reference.sla.col.firstResponse')} data-testid="sla-rule-firstResponse">
          <TargetEditor name={['firstResponse']} />
        </Form.Item>
        <Form.Item label={t('reference.sla.col.resolution')} data-testid="sla-rule-resolution">
          <TargetEditor name={['resolution']} complaintCeiling={kind === 'complaint' ? complaintCeiling : undefined} />
        </Form.Item>
        <Form.Item name="source" label={t('reference.source')} extra={t('reference.sla.ruleSourceHint')} rules={requiredTextRules(t, REFERENCE_SOURCE_MAX)}>
          <Input placeholder={t('reference.sla.ruleSourcePlaceholder')} maxLength={REFERENCE_SOURCE_MAX} data-testid="sla-rule-source" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
