/**
 * The customer's shipping habits (个性化收派需求) as the nightly job derived them, with the date of
 * the computation; the RFM segment and the tier's reason; and what the account manager records
 * (packaging requirements, choice factors), editable by whoever keeps the record.
 */
import { EditOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { fenToYuan, formatDateTime } from '../../format';
import { useT, useLocale, type Translate } from '../../i18n';
import { labelOrKey, productLabel } from '../../labels';
import { setRequirements, type CustomerRequirements, type CustomerView } from '../../services/customers';

interface Share {
  key: string;
  shipments: number;
  share: number;
}
interface Habits {
  shipments: number;
  monthlyShipments: number;
  monthlySpendFen: number;
  weightRange: { fromG: number; toG: number | null } | null;
  usualHours: number[];
  usualWeekdays: number[];
  topProvinces: Share[];
  topCities: Share[];
  productMix: Share[];
  collectShare: number | null;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const kg = (g: number) => (g / 1000).toLocaleString(undefined, { maximumFractionDigits: 1 });

function weightText(t: Translate, range: Habits['weightRange']): string {
  if (!range) return t('common.none');
  return range.toG === null ? t('customers.habits.weightFrom', { from: kg(range.fromG) }) : t('customers.habits.weightRange', { from: kg(range.fromG), to: kg(range.toG) });
}

export function choiceFactorLabel(t: Translate, factor: string): string {
  return labelOrKey(t, `customers.choice.${factor}`, factor);
}

function ShareTable({ rows, name, testId }: { rows: Share[]; name: (key: string) => string; testId: string }) {
  const t = useT();
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      data-testid={testId}
      dataSource={rows}
      locale={{ emptyText: t('common.none') }}
      columns={[
        { title: t('customers.habits.name'), dataIndex: 'key', render: (key: string) => name(key) },
        { title: t('customers.habits.parcels'), dataIndex: 'shipments', align: 'right' },
        { title: t('customers.habits.share'), dataIndex: 'share', align: 'right', render: (s: number) => percent(s) },
      ]}
    />
  );
}

export function HabitsTab({ view, onChanged }: { view: CustomerView; onChanged: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { habits, standing, requirements } = view;
  const h = habits.available ? (habits.habits as unknown as Habits) : null;
  const regionName = (key: string) => (habits.available ? (habits.regionNames[key] ?? key) : key);
  const weekday = (d: number) => labelOrKey(t, `customers.habits.weekday.${d}`, String(d));
  return (
    <Row gutter={[16, 16]} data-testid="customer-habits">
      <Col xs={24} lg={16}>
        <Card
          size="small"
          title={t('customers.habits.title')}
          extra={habits.available && <Typography.Text type="secondary">{t('customers.habits.computed', { from: habits.from, to: habits.to, at: formatDateTime(habits.computedAt).slice(0, 16) })}</Typography.Text>}
        >
          {!h ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.habits.none')} />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }} size="middle">
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'shipments', label: t('customers.habits.shipments'), children: h.shipments },
                  { key: 'monthly', label: t('customers.habits.monthlyShipments'), children: h.monthlyShipments },
                  { key: 'spend', label: t('customers.habits.monthlySpend'), children: fenToYuan(h.monthlySpendFen) },
                  { key: 'weight', label: t('customers.habits.weight'), children: weightText(t, h.weightRange) },
                  { key: 'hours', label: t('customers.habits.usualHours'), children: h.usualHours.length ? h.usualHours.map((x) => `${x}:00`).join('、') : t('common.none') },
                  { key: 'days', label: t('customers.habits.usualWeekdays'), children: h.usualWeekdays.length ? h.usualWeekdays.map(weekday).join('、') : t('common.none') },
                  { key: 'collect', label: t('customers.habits.collectShare'), children: h.collectShare === null ? t('common.none') : percent(h.collectShare) },
                  { key: 'products', label: t('customers.habits.productMix'), children: h.productMix.map((p) => `${productLabel(t, p.key)} ${percent(p.share)}`).join('、') || t('common.none') },
                ]}
              />
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Typography.Text strong>{t('customers.habits.topProvinces')}</Typography.Text>
                  <ShareTable rows={h.topProvinces} name={regionName} testId="habits-provinces" />
                </Col>
                <Col xs={24} md={12}>
                  <Typography.Text strong>{t('customers.habits.topCities')}</Typography.Text>
                  <ShareTable rows={h.topCities} name={regionName} testId="habits-cities" />
                </Col>
              </Row>
            </Space>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Card size="small" title={t('customers.standing.title')} data-testid="customer-standing">
            {standing.rfm ? (
              <Space direction="vertical" size={4}>
                <Tag color={standing.rfm.segment.startsWith('important') ? 'gold' : 'default'}>{standing.rfm.segmentLabel[locale]}</Tag>
                <Typography.Text>{t('customers.standing.scores', { r: standing.rfm.r, f: standing.rfm.f, m: standing.rfm.m })}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('customers.standing.values', { days: standing.rfm.recencyDays, parcels: standing.rfm.frequency, spend: fenToYuan(standing.rfm.monetaryFen) })}
                </Typography.Text>
                <Typography.Text type="secondary">{t('customers.standing.computedAt', { at: formatDateTime(standing.rfm.computedAt).slice(0, 16) })}</Typography.Text>
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('customers.standing.noRfm')}</Typography.Text>
            )}
            {standing.tier && (
              <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }} data-testid="tier-reason">
                {standing.tier.text[locale]}
                <Typography.Text type="secondary">{` · ${t('customers.standing.computedAt', { at: formatDateTime(standing.tier.computedAt).slice(0, 16) })}`}</Typography.Text>
              </Typography.Paragraph>
            )}
          </Card>
          <RequirementsCard view={view} requirements={requirements} onChanged={onChanged} />
        </Space>
      </Col>
    </Row>
  );
}

function RequirementsCard({ view, requirements, onChanged }: { view: CustomerView; requirements: CustomerRequirements; onChanged: () => void }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  return (
    <Card
      size="small"
      title={t('customers.requirements.title')}
      data-testid="customer-requirements"
      extra={
        view.actions.edit && (
          <Button size="small" icon={<EditOutlined />} data-testid="requirements-edit" onClick={() => setEditing(true)}>
            {t('customers.action.change')}
          </Button>
        )
      }
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'packaging', label: t('customers.requirements.packaging'), children: requirements.packagingRequirements || t('common.none') },
          {
            key: 'factors',
            label: t('customers.requirements.choiceFactors'),
            children: requirements.choiceFactors.length ? requirements.choiceFactors.map((f) => choiceFactorLabel(t, f)).join(' > ') : t('common.none'),
          },
        ]}
      />
      {editing && (
        <RequirementsModal
          view={view}
          requirements={requirements}
          onDone={(saved) => {
            setEditing(false);
            if (saved) onChanged();
          }}
        />
      )}
    </Card>
  );
}

function RequirementsModal({ view, requirements, onDone }: { view: CustomerView; requirements: CustomerRequirements; onDone: (saved: boolean) => void }) {
  const t = useT();
  const [form] = Form.useForm<CustomerRequirements>();
  const { save, modalProps } = useSaveDialog(onDone);
  return (
    <FormModal form={form} title={t('customers.requirements.title')} okText={t('common.save')} {...modalProps}>
      <Form
        form={form}
        layout="vertical"
        initialValues={requirements}
        onFinish={(v) =>
          void save(() => setRequirements(view.profile.id, view.profile.version, { packagingRequirements: v.packagingRequirements ?? '', choiceFactors: v.choiceFactors ?? [] }))
        }
      >
        <Form.Item name="packagingRequirements" label={t('customers.requirements.packaging')}>
          <Input.TextArea maxLength={2000} rows={3} data-testid="requirements-packaging" />
        </Form.Item>
        <Form.Item name="choiceFactors" label={t('customers.requirements.choiceFactors')} extra={t('customers.requirements.choiceHint')}>
          <Select mode="multiple" data-testid="requirements-factors" options={(['price', 'speed', 'safety'] as const).map((f) => ({ value: f, label: choiceFactorLabel(t, f) }))} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
