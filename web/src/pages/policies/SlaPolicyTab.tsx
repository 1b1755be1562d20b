/**
 * Ticket SLA (工单时限), docs/product.md §7: first-response and resolution targets by ticket kind,
 * priority and customer tier, each with its source, versioned. A change adds a version with a
 * note; the versions before it are never rewritten.
 */
import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle, useT, type Translate } from '../../i18n';
import { getSlaPolicy, getSlaPolicyVersion, type SlaPolicyVersion } from '../../services/reference';
import type { SlaPolicy, SlaRule, SlaTarget } from '../../shared';
import { useRemote } from '../../useRemote';
import { basisLabel, durationLabel, priorityLabel, ticketKindLabel, tierLabel } from './labels';
import { HistoryCard, readableSource, versionColumns, versionFacts } from './parts';
import { EditSlaModal } from './SlaEditModal';
import { scopeLabel, scopeRank, scopeTestId } from './sla-parts';

/** Rules in the order of the ticket kinds, the base rule of a kind before its narrower ones. */
function orderedRules(policy: SlaPolicy): { index: number; rule: SlaRule }[] {
  return policy.rules.map((rule, index) => ({ index, rule })).sort((a, b) => scopeRank(a.rule) - scopeRank(b.rule));
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
              {t('reference.sla.sourceOf', { what: t('reference.sla.col.firstResponse'), source: readableSource(rule.firstResponse.source) })}
            </Typography.Text>
          )}
          {rule.resolution && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('reference.sla.sourceOf', { what: t('reference.sla.col.resolution'), source: readableSource(rule.resolution.source) })}
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
        onRow={({ rule }) => ({ 'data-testid': scopeTestId(rule), 'aria-label': scopeLabel(t, rule) })}
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
                {readableSource(policy.departmentReply.source)}
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

