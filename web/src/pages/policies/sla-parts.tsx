/**
 * What the ticket SLA tab and its dialogs share: a rule's scope (kind, priority, tier) — its
 * identity, its order in a list and its name in words — and the editor of one target (clock on or
 * off, minutes, basis) with the checks the server would otherwise refuse (docs/product.md §7; the
 * server's validateSlaPolicy in src/domain/sla/policy.ts).
 */
import { Checkbox, Form, InputNumber, Select, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useT, type Translate } from '../../i18n';
import { CUSTOMER_TIERS, mostSpecificRule, PRIORITIES, TICKET_KINDS, type ClockBasis, type SlaRuleScope, type SlaTarget } from '../../shared';
import { basisLabel, durationLabel, priorityLabel, ticketKindLabel, tierLabel } from './labels';

/** What a rule applies to: a kind, optionally narrowed to a priority and/or a customer tier. */
export type RuleScope = SlaRuleScope;

/** At most one rule per kind, priority and tier: the server refuses a second one. */
export const scopeKey = (scope: RuleScope) => `${scope.kind}/${scope.priority ?? '*'}/${scope.tier ?? '*'}`;

/** For tests and screen readers: `sla-rule-complaint-urgent-any`. */
export const scopeTestId = (scope: RuleScope) => `sla-rule-${scope.kind}-${scope.priority ?? 'any'}-${scope.tier ?? 'any'}`;

/** The rule of a kind without priority and tier; every kind must keep one. */
export const isBaseRule = (scope: RuleScope) => !scope.priority && !scope.tier;

/** Kinds in their order, the base rule of a kind before its narrower ones. */
export function scopeRank(scope: RuleScope): number {
  return (
    TICKET_KINDS.indexOf(scope.kind) * 100 +
    (scope.priority ? 10 + PRIORITIES.indexOf(scope.priority) : 0) +
    (scope.tier ? 1 + CUSTOMER_TIERS.indexOf(scope.tier) : 0)
  );
}

/** 投诉 · 紧急 · 大客户 — what a person calls the rule. */
export function scopeLabel(t: Translate, scope: RuleScope): string {
  return [
    ticketKindLabel(t, scope.kind),
    scope.priority ? priorityLabel(t, scope.priority) : null,
    scope.tier ? tierLabel(t, scope.tier) : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The rule that applies to tickets of this scope, chosen as the clocks choose it (the server's own rule). */
export function applyingRule<T extends { scope: RuleScope }>(rules: readonly T[], scope: RuleScope): T | undefined {
  return mostSpecificRule(rules, scope, (rule) => rule.scope);
}

// ---- One target in a form ----

export interface TargetValues {
  on: boolean;
  minutes: number | null;
  basis: ClockBasis;
}

export interface RuleTargetValues {
  firstResponse: TargetValues;
  resolution: TargetValues;
}

export const toTargetValues = (target: SlaTarget | null): TargetValues => ({
  on: target !== null,
  minutes: target?.minutes ?? null,
  basis: target?.basis ?? 'calendar',
});

export function minutesRules(t: Translate) {
  return [
    {
      validator: (_: unknown, value: number | null) =>
        value !== null && value !== undefined && Number.isInteger(value) && value > 0
          ? Promise.resolve()
          : Promise.reject(new Error(t('reference.sla.v.minutes'))),
    },
  ];
}

const reject = (message: string) => Promise.reject(new Error(message));

/**
 * A target's clock checkbox, minutes and basis. Put it inside a Form.Item: that item shows the
 * errors under the whole row. `complaintCeiling` makes it a complaint's resolution, which
 * 《快递暂行条例》 requires: always set, in calendar time, at most the statutory ceiling.
 */
export function TargetEditor({ name, disabled = false, complaintCeiling }: { name: (string | number)[]; disabled?: boolean; complaintCeiling?: number }) {
  const t = useT();
  const form = Form.useFormInstance();
  const onName = [...name, 'on'];
  const on = Form.useWatch(onName, form) as boolean | undefined;
  const minutes = Form.useWatch([...name, 'minutes'], form) as number | null | undefined;
  const complaint = !disabled && complaintCeiling !== undefined;
  // The rules read the checkbox when they run: they run again as soon as it changes (dependencies),
  // before this component has rendered with the new value.
  const whenOn = <V,>(check: (value: V) => string | null): Rule[] =>
    disabled
      ? []
      : [
          ({ getFieldValue }) => ({
            validator: (_: unknown, value: V) => {
              const problem = getFieldValue(onName) ? check(value) : null;
              return problem ? reject(problem) : Promise.resolve();
            },
          }),
        ];
  return (
    <Space size={6} align="start" wrap={false}>
      <Form.Item
        name={onName}
        valuePropName="checked"
        noStyle
        rules={complaint ? [{ validator: (_, value: boolean) => (value ? Promise.resolve() : reject(t('reference.sla.v.complaintResolution'))) }] : []}
      >
        <Checkbox disabled={disabled}>{t('reference.sla.clock')}</Checkbox>
      </Form.Item>
      <Form.Item
        name={[...name, 'minutes']}
        noStyle
        dependencies={[onName]}
        rules={whenOn((value: number | null | undefined) => {
          if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) return t('reference.sla.v.minutes');
          if (complaint && value > complaintCeiling) {
            return t('reference.sla.v.complaintCeiling', { duration: durationLabel(t, complaintCeiling), minutes: complaintCeiling });
          }
          return null;
        })}
      >
        <InputNumber size="small" precision={0} disabled={disabled || !on} style={{ width: 110 }} suffix={t('reference.sla.minutesSuffix')} />
      </Form.Item>
      <Form.Item
        name={[...name, 'basis']}
        noStyle
        dependencies={[onName]}
        rules={complaint ? whenOn((value: ClockBasis) => (value === 'calendar' ? null : t('reference.sla.v.complaintCalendar'))) : []}
      >
        <Select
          size="small"
          disabled={disabled || !on}
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
