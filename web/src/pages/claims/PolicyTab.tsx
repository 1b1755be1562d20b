/**
 * The claims policy (理赔规则, docs/product.md §3, §7) as admins and managers keep it: the version in
 * force — validity, the uninsured cap's multiple of freight (by payment term and customer tier where
 * it differs), the approval tiers, the purchase-proof threshold, the clocks, and each claim type's
 * evidence checklist — every rule with its source; and the earlier versions. A change is saved as a
 * new version with a note (claims keep the version they were proposed under); the rules are checked
 * here with the server's own check, and the server has the last word.
 */
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import {
  CLAIM_CUSTOMER_TIERS,
  CLAIM_TYPES,
  CLAIMS_RULE_KEYS,
  CLAIMS_RULES,
  EVIDENCE_ITEMS,
  EVIDENCE_NEEDS,
  PAYMENT_TERMS,
  validateClaimsPolicy,
  type ClaimsRule,
  type ClaimsRuleKey,
  type EvidenceRequirement,
} from '../../../../src/domain/claims/policy';
import { CLAIMS_POLICY_PROBLEM_LABELS } from '../../../../src/domain/claims/labels';
import { useAuth } from '../../auth';
import { formatDateTime } from '../../format';
import { useLocale, useT, type Translate } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { getClaimsPolicy, saveClaimsPolicy, type ClaimsRules } from '../../services/claims';
import { POLICY_NOTE_MIN } from '../../shared';
import { useRemote } from '../../useRemote';
import { readableSource, versionAuthor, versionNote } from '../policies/parts';
import { claimTypeLabel, evidenceItemLabel, evidenceNeedLabel, formatYuan, paymentTermLabel } from './labels';
import { numberRange } from '../../components/numberRange';

const NOTE_MAX = 500;

function unitText(t: Translate, unit: string): string {
  return t(`claims.policy.unit.${unit as 'fen'}`);
}

/** A rule's value as an admin reads it: fen as yuan with two decimals. */
function valueText(t: Translate, rule: ClaimsRule): string {
  return rule.unit === 'fen' ? `${formatYuan(rule.value)} ${unitText(t, 'fen')}` : `${rule.value} ${unitText(t, rule.unit)}`;
}

function tierText(t: Translate, tier: string): string {
  return t(`claims.policy.tier.${tier as 'key'}`);
}

interface RuleRow {
  key: string;
  label: string;
  rule: ClaimsRule;
}

export default function ClaimsPolicyTab() {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  const policy = useRemote((signal) => getClaimsPolicy(signal), []);
  const [editing, setEditing] = useState(false);
  const current = policy.data?.current;

  const rows: RuleRow[] = current
    ? [
        ...CLAIMS_RULE_KEYS.map((key) => ({ key, label: t(`claims.policy.rule.${key}`), rule: current.rules[key] })),
        ...PAYMENT_TERMS.flatMap((term) => {
          const rule = current.rules.uninsuredCapMultipleByPaymentTerm[term];
          return rule ? [{ key: `term.${term}`, label: t('claims.policy.rule.byTerm', { term: paymentTermLabel(term, locale) }), rule }] : [];
        }),
        ...CLAIM_CUSTOMER_TIERS.flatMap((tier) => {
          const rule = current.rules.uninsuredCapMultipleByTier[tier];
          return rule ? [{ key: `tier.${tier}`, label: t('claims.policy.rule.byTier', { tier: tierText(t, tier) }), rule }] : [];
        }),
      ]
    : [];

  return (
    <Flex vertical gap={16} data-testid="claims-policy">
      <Card
        loading={policy.loading && !current}
        title={current ? t('claims.policy.title', { version: current.version }) : t('claims.policy.titlePlain')}
        extra={
          current &&
          can('policies.manage') && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="claims-policy-edit">
              {t('claims.policy.edit')}
            </Button>
          )
        }
      >
        {current && (
          <>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('claims.policy.note')}>{versionNote(current)}</Descriptions.Item>
              <Descriptions.Item label={t('claims.policy.by')}>{versionAuthor(t, current.createdBy)}</Descriptions.Item>
              <Descriptions.Item label={t('claims.policy.at')}>{formatDateTime(current.createdAt)}</Descriptions.Item>
            </Descriptions>
            <Table<RuleRow>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={rows}
              columns={[
                { title: t('claims.policy.col.rule'), dataIndex: 'label', width: 260, render: (l: string, r) => <span data-rule={r.key}>{l}</span> },
                { title: t('claims.policy.col.value'), key: 'value', width: 150, render: (_, r) => <Typography.Text strong data-testid={`claims-rule-${r.key}`}>{valueText(t, r.rule)}</Typography.Text> },
                { title: t('claims.policy.col.source'), key: 'source', render: (_, r) => <Typography.Text type="secondary">{readableSource(r.rule.source)}</Typography.Text> },
              ]}
            />
          </>
        )}
      </Card>
      {current && (
        <Card title={t('claims.policy.evidenceTitle')}>
          <Row gutter={[16, 16]}>
            {CLAIM_TYPES.map((type) => (
              <Col key={type} xs={24} lg={12} xxl={8}>
                <Card size="small" type="inner" title={claimTypeLabel(type, locale)} data-testid={`claims-evidence-${type}`}>
                  {current.rules.evidence[type].length === 0 ? (
                    <Typography.Text type="secondary">{t('claims.policy.noEvidence')}</Typography.Text>
                  ) : (
                    <Flex vertical gap={8}>
                      {current.rules.evidence[type].map((e) => (
                        <div key={e.item}>
                          <Space size={6} wrap>
                            <Typography.Text>{evidenceItemLabel(e.item, locale)}</Typography.Text>
                            <Tag color={e.need === 'required' ? 'red' : e.need === 'optional' ? 'default' : 'orange'}>{evidenceNeedLabel(e.need, locale)}</Tag>
                          </Space>
                          <br />
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {readableSource(e.source)}
                          </Typography.Text>
                        </div>
                      ))}
                    </Flex>
                  )}
                </Card>
              </Col>
            ))}
          </Row>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('claims.policy.thresholdHint', { amount: formatYuan(current.rules.purchaseProofAboveFen.value) })}
          </Typography.Paragraph>
        </Card>
      )}
      {policy.data && (
        <Card title={t('claims.policy.historyTitle')}>
          <Table
            size="small"
            rowKey="version"
            pagination={false}
            dataSource={policy.data.history}
            columns={[
              { title: t('claims.policy.col.version'), dataIndex: 'version', width: 90, render: (v: number) => `v${v}` },
              { title: t('claims.policy.note'), key: 'note', render: (_: unknown, version: { note: string; createdBy: string }) => versionNote(version) },
              { title: t('claims.policy.by'), dataIndex: 'createdBy', width: 160, render: (by: string) => versionAuthor(t, by) },
              { title: t('claims.policy.at'), dataIndex: 'createdAt', width: 180, render: (at: string) => formatDateTime(at) },
            ]}
          />
        </Card>
      )}
      {editing && current && (
        <PolicyEditor
          rules={current.rules}
          baseVersion={current.version}
          onClosed={(saved) => {
            setEditing(false);
            if (saved) policy.reload();
          }}
        />
      )}
    </Flex>
  );
}

interface EditorValues {
  note: string;
  values: Record<ClaimsRuleKey, number>;
  byTerm: Partial<Record<string, number | null>>;
  byTier: Partial<Record<string, number | null>>;
  evidence: Record<string, EvidenceRequirement[]>;
}

/** The form's numbers back into rules: yuan to fen, an emptied multiple removed, sources kept (the server notes what changed). */
function rulesFrom(before: ClaimsRules, v: EditorValues): ClaimsRules {
  const out = structuredClone(before);
  for (const key of CLAIMS_RULE_KEYS) {
    const raw = v.values[key];
    out[key] = { ...before[key], value: CLAIMS_RULES[key].unit === 'fen' ? Math.round(Number(raw) * 100) : Number(raw) };
  }
  const multiples = (map: Partial<Record<string, number | null>>, was: Partial<Record<string, ClaimsRule>>) => {
    const next: Record<string, ClaimsRule> = {};
    for (const [scope, value] of Object.entries(map)) {
      if (value === null || value === undefined) continue;
      next[scope] = was[scope] ? { ...was[scope], value: Number(value) } : { value: Number(value), unit: 'times', source: '' };
    }
    return next;
  };
  out.uninsuredCapMultipleByPaymentTerm = multiples(v.byTerm, before.uninsuredCapMultipleByPaymentTerm);
  out.uninsuredCapMultipleByTier = multiples(v.byTier, before.uninsuredCapMultipleByTier);
  for (const type of CLAIM_TYPES) out.evidence[type] = (v.evidence[type] ?? []).map((e) => ({ item: e.item, need: e.need, source: e.source ?? '' }));
  return out;
}

function PolicyEditor({ rules, baseVersion, onClosed }: { rules: ClaimsRules; baseVersion: number; onClosed: (saved: boolean) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const handleError = useRequestErrorHandler();
  const [form] = Form.useForm<EditorValues>();
  const [open, setOpen] = useState(true);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const initial = useMemo<EditorValues>(
    () => ({
      note: '',
      values: Object.fromEntries(CLAIMS_RULE_KEYS.map((k) => [k, rules[k].unit === 'fen' ? rules[k].value / 100 : rules[k].value])) as Record<ClaimsRuleKey, number>,
      byTerm: Object.fromEntries(PAYMENT_TERMS.map((p) => [p, rules.uninsuredCapMultipleByPaymentTerm[p]?.value ?? null])),
      byTier: Object.fromEntries(CLAIM_CUSTOMER_TIERS.map((p) => [p, rules.uninsuredCapMultipleByTier[p]?.value ?? null])),
      evidence: Object.fromEntries(CLAIM_TYPES.map((type) => [type, rules.evidence[type].map((e) => ({ ...e }))])),
    }),
    [rules],
  );

  async function submit(v: EditorValues) {
    const next = rulesFrom(rules, v);
    // The server's own check, sources aside (an empty source is filled from the note when saved).
    const found = validateClaimsPolicy(next).filter((p) => p.code !== 'missing_source');
    if (found.length) {
      setProblems(found.map((p) => `${p.rule}: ${CLAIMS_POLICY_PROBLEM_LABELS[p.code][locale]}`));
      return;
    }
    setProblems([]);
    setSaving(true);
    try {
      await saveClaimsPolicy(next, baseVersion, v.note.trim());
      setSaved(true);
      setOpen(false);
    } catch (error) {
      handleError(error);
    } finally {
      setSaving(false);
    }
  }

  const numberRule = (key: ClaimsRuleKey) => {
    const bounds = CLAIMS_RULES[key];
    const fen = bounds.unit === 'fen';
    return (
      <Col xs={24} md={12} key={key}>
        <Form.Item name={['values', key]} label={t(`claims.policy.rule.${key}`)} rules={[{ required: true }]}>
          <InputNumber
            min={fen ? bounds.min / 100 : bounds.min}
            max={fen ? bounds.max / 100 : bounds.max}
            precision={fen ? 2 : 0}
            style={{ width: 220 }}
            addonAfter={unitText(t, bounds.unit)}
            data-testid={`claims-policy-${key}`}
          />
        </Form.Item>
      </Col>
    );
  };

  return (
    <Modal
      open={open}
      width={980}
      title={t('claims.policy.editTitle', { version: baseVersion + 1 })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => setOpen(false)}
      afterClose={() => onClosed(saved)}
      mask={{ closable: false }}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'claims-policy-save' }}
    >
      <Form<EditorValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} data-testid="claims-policy-form">
        <Alert type="info" showIcon title={t('claims.policy.editIntro')} style={{ marginBottom: 16 }} />
        <Typography.Title level={5}>{t('claims.policy.numbers')}</Typography.Title>
        <Row gutter={16}>{CLAIMS_RULE_KEYS.map(numberRule)}</Row>
        <Typography.Title level={5}>{t('claims.policy.multiples')}</Typography.Title>
        <Row gutter={16}>
          {PAYMENT_TERMS.map((term) => (
            <Col xs={24} md={8} key={term}>
              <Form.Item name={['byTerm', term]} label={t('claims.policy.rule.byTerm', { term: paymentTermLabel(term, locale) })} extra={t('claims.policy.emptyIsDefault')} rules={[numberRange(t, 1, 100)]}>
                <InputNumber precision={0} style={{ width: 160 }} addonAfter={unitText(t, 'times')} />
              </Form.Item>
            </Col>
          ))}
          {CLAIM_CUSTOMER_TIERS.map((tier) => (
            <Col xs={24} md={8} key={tier}>
              <Form.Item name={['byTier', tier]} label={t('claims.policy.rule.byTier', { tier: tierText(t, tier) })} extra={t('claims.policy.emptyIsDefault')} rules={[numberRange(t, 1, 100)]}>
                <InputNumber precision={0} style={{ width: 160 }} addonAfter={unitText(t, 'times')} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Typography.Title level={5}>{t('claims.policy.evidenceTitle')}</Typography.Title>
        <Row gutter={[16, 8]}>
          {CLAIM_TYPES.map((type) => (
            <Col xs={24} lg={12} key={type}>
              <Card size="small" type="inner" title={claimTypeLabel(type, locale)}>
                <Form.List name={['evidence', type]}>
                  {(fields, { add, remove }) => (
                    <Flex vertical gap={6}>
                      {fields.map((field) => (
                        <Flex key={field.key} gap={6} align="start">
                          <Form.Item name={[field.name, 'item']} noStyle rules={[{ required: true }]}>
                            <Select style={{ width: 170 }} options={EVIDENCE_ITEMS.map((i) => ({ value: i, label: evidenceItemLabel(i, locale) }))} />
                          </Form.Item>
                          <Form.Item name={[field.name, 'need']} noStyle rules={[{ required: true }]}>
                            <Select style={{ width: 150 }} options={EVIDENCE_NEEDS.map((n) => ({ value: n, label: evidenceNeedLabel(n, locale) }))} />
                          </Form.Item>
                          <Form.Item name={[field.name, 'source']} noStyle>
                            <Input placeholder={t('claims.policy.sourcePlaceholder')} maxLength={500} />
                          </Form.Item>
                          <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('claims.policy.removeItem')} />
                        </Flex>
                      ))}
                      <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({ need: 'optional', source: '' })}>
                        {t('claims.policy.addItem')}
                      </Button>
                    </Flex>
                  )}
                </Form.List>
              </Card>
            </Col>
          ))}
        </Row>
        <Form.Item
          name="note"
          label={t('claims.policy.note')}
          style={{ marginTop: 16 }}
          rules={[{ required: true, whitespace: true, min: POLICY_NOTE_MIN, message: t('claims.policy.noteRequired', { min: POLICY_NOTE_MIN }) }]}
        >
          <Input.TextArea rows={2} maxLength={NOTE_MAX} showCount data-testid="claims-policy-note" />
        </Form.Item>
        {problems.length > 0 && (
          <Alert type="error" showIcon title={t('claims.policy.problems')} description={<ul style={{ margin: 0 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul>} data-testid="claims-policy-problems" />
        )}
      </Form>
    </Modal>
  );
}
