/**
 * Satisfaction surveys (满意度调查): the campaigns with their response counts; supervisors and
 * managers create one (a questionnaire, the tiers asked, how long the link stays open) and send it
 * once. Account managers see the counts of their own customers and open the results.
 */
import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Popconfirm, Select, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useT, type Translate } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { createCampaign, createQuestionnaire, listCampaigns, listQuestionnaires, sendCampaign, STANDARD_QUESTIONNAIRE, type CampaignSummary } from '../../services/surveys';
import { useRemote } from '../../useRemote';
import { numberRange } from '../../components/numberRange';

export function campaignStatus(t: Translate, c: Pick<CampaignSummary, 'sentAt' | 'closesAt'>, now = Date.now()) {
  if (!c.sentAt) return <Tag>{t('surveys.status.draft')}</Tag>;
  if (c.closesAt && Date.parse(c.closesAt) <= now) return <Tag color="default">{t('surveys.status.closed')}</Tag>;
  return <Tag color="processing">{t('surveys.status.open')}</Tag>;
}

export const percent = (share: number | null | undefined) => (share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)}%`);

export default function SurveysPage() {
  const t = useT();
  useDocumentTitle(t('surveys.title'));
  const { can } = useAuth();
  const manages = can('surveys.manage');
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const campaigns = useRemote((signal) => listCampaigns(signal), []);
  const [creating, setCreating] = useState(false);

  async function send(id: string) {
    try {
      const sent = await sendCampaign(id);
      void message.success(t('surveys.sent', { n: sent.invited }));
    } catch (error) {
      handleError(error);
    }
    campaigns.reload();
  }

  const columns: TableProps<CampaignSummary>['columns'] = [
    { title: t('surveys.col.title'), dataIndex: 'title', render: (title: string, c) => (c.sentAt ? <Link to={`/surveys/${c.id}`}>{title}</Link> : title) },
    { title: t('surveys.col.status'), key: 'status', width: 100, render: (_, c) => campaignStatus(t, c) },
    { title: t('surveys.col.invited'), dataIndex: 'invited', width: 90, align: 'right' },
    { title: t('surveys.col.answered'), dataIndex: 'answered', width: 90, align: 'right' },
    { title: t('surveys.col.rate'), key: 'rate', width: 100, align: 'right', render: (_, c) => (c.invited ? percent(c.answered / c.invited) : '—') },
    { title: t('surveys.col.sentAt'), dataIndex: 'sentAt', width: 170, render: (v: string | null) => formatDateTime(v) || '—' },
    { title: t('surveys.col.closesAt'), dataIndex: 'closesAt', width: 170, render: (v: string | null) => formatDateTime(v) || '—' },
    {
      key: 'actions',
      width: 130,
      render: (_, c) =>
        c.sentAt ? (
          <Link to={`/surveys/${c.id}`}>{t('surveys.results')}</Link>
        ) : manages ? (
          <Popconfirm title={t('surveys.send.confirm')} onConfirm={() => send(c.id)} okText={t('surveys.send')} cancelText={t('common.cancel')}>
            <Button size="small" type="primary" icon={<SendOutlined />} data-testid={`survey-send-${c.id}`}>
              {t('surveys.send')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('surveys.title')}
        subtitle={t('surveys.subtitle')}
        extra={
          manages && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="survey-new">
              {t('surveys.new')}
            </Button>
          )
        }
      />
      <Card>
        <Table rowKey="id" size="middle" loading={campaigns.loading} dataSource={campaigns.data?.items ?? []} columns={columns} pagination={false} scroll={{ x: 860 }} data-testid="survey-campaigns" />
      </Card>
      {creating && (
        <CreateCampaignDialog
          onClosed={(saved) => {
            setCreating(false);
            if (saved) {
              void message.success(t('surveys.created'));
              campaigns.reload();
            }
          }}
        />
      )}
    </Flex>
  );
}

interface CampaignForm {
  title: string;
  questionnaireId: string;
  tiers: string[];
  openDays: number;
}

function CreateCampaignDialog({ onClosed }: { onClosed: (saved: boolean) => void }) {
  const t = useT();
  const [form] = Form.useForm<CampaignForm>();
  const { save, modalProps } = useSaveDialog(onClosed);
  const handleError = useRequestErrorHandler();
  const questionnaires = useRemote((signal) => listQuestionnaires(signal), []);
  const [making, setMaking] = useState(false);

  async function makeStandard() {
    setMaking(true);
    try {
      const created = await createQuestionnaire(STANDARD_QUESTIONNAIRE);
      questionnaires.reload();
      form.setFieldValue('questionnaireId', created.id);
    } catch (error) {
      handleError(error);
    } finally {
      setMaking(false);
    }
  }

  return (
    <FormModal form={form} title={t('surveys.new')} okText={t('common.save')} {...modalProps}>
      <Form<CampaignForm>
        form={form}
        layout="vertical"
        initialValues={{ tiers: ['key'], openDays: 14 }}
        onFinish={(values) => save(() => createCampaign({ title: values.title, questionnaireId: values.questionnaireId, audience: { tiers: values.tiers }, openDays: values.openDays }))}
      >
        <Form.Item name="title" label={t('surveys.form.title')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input maxLength={100} data-testid="survey-form-title" />
        </Form.Item>
        <Form.Item label={t('surveys.form.questionnaire')} required extra={t('surveys.form.standardHint')}>
          <Flex gap={8}>
            <Form.Item name="questionnaireId" noStyle rules={[{ required: true }]}>
              <Select
                style={{ flex: 1 }}
                loading={questionnaires.loading}
                options={(questionnaires.data?.items ?? []).map((q) => ({ value: q.id, label: `${q.title}（${formatDateTime(q.createdAt).slice(0, 10)}）` }))}
                data-testid="survey-form-questionnaire"
              />
            </Form.Item>
            <Button loading={making} onClick={() => void makeStandard()} data-testid="survey-form-standard">
              {t('surveys.form.standardQuestionnaire')}
            </Button>
          </Flex>
        </Form.Item>
        <Form.Item name="tiers" label={t('surveys.form.tiers')} rules={[{ required: true, type: 'array', min: 1 }]} extra={t('surveys.form.audienceHint')}>
          <Checkbox.Group
            options={[
              { value: 'key', label: t('surveys.tier.key') },
              { value: 'standard', label: t('surveys.tier.standard') },
            ]}
          />
        </Form.Item>
        <Form.Item name="openDays" label={t('surveys.form.openDays')} rules={[{ required: true, message: t('common.fieldRequired', { field: t('surveys.form.openDays') }) }, numberRange(t, 1, 90)]}>
          <InputNumber precision={0} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
