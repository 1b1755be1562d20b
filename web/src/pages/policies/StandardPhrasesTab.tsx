/**
 * Standard phrases (规范用语), docs/product.md §2: the replies agents pick by situation (客服用语规范 §三),
 * data admins edit. A phrase is a template: {customerName} and the like are filled from the ticket.
 * A phrase may not contain a forbidden phrase — the library must not teach what the guard stops.
 */
import { Alert, App, Button, Card, Flex, Form, Input, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle, useT, type Translate } from '../../i18n';
import { checkPhrases, createStandardPhrase, listStandardPhrases, updateStandardPhrase, type StandardPhrase } from '../../services/reference';
import {
  PHRASE_SITUATIONS,
  PHRASE_TEXT_MAX,
  PHRASE_TITLE_MAX,
  PLACEHOLDERS,
  renderTemplate,
  validateTemplate,
  type PhraseSituation,
  type Placeholder,
} from '../../shared';
import { useRemote } from '../../useRemote';
import { placeholderLabel, situationLabel } from './labels';
import { activeColumn, AddButton, editToggleColumn, requiredTextRules, ShowInactiveSwitch, sourceColumn, SourceField, useActiveToggle } from './parts';

/** The text with its placeholders set off, so an admin sees what gets filled in. */
function TemplateText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(/\{([^{}]*)\}/g)) {
    const at = match.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    parts.push(
      <Tag key={at} color="processing" variant="filled" style={{ marginInline: 2 }}>
        {match[0]}
      </Tag>,
    );
    last = at + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <span>{parts}</span>;
}

/** validateTemplate's codes as sentences in the console's language. */
function templateErrors(t: Translate, text: string): string[] {
  return validateTemplate(text).map((code) => {
    const [base, name] = code.split(':') as [string, string | undefined];
    switch (base) {
      case 'TEMPLATE_EMPTY':
        return t('reference.standard.v.TEMPLATE_EMPTY');
      case 'TEMPLATE_TOO_LONG':
        return t('reference.standard.v.TEMPLATE_TOO_LONG', { max: PHRASE_TEXT_MAX });
      case 'TEMPLATE_UNBALANCED_BRACES':
        return t('reference.standard.v.TEMPLATE_UNBALANCED_BRACES');
      default:
        return t('reference.standard.v.TEMPLATE_UNKNOWN_PLACEHOLDER', { name: name ?? '' });
    }
  });
}

function sampleValues(t: Translate): Record<Placeholder, string> {
  return Object.fromEntries(PLACEHOLDERS.map((p) => [p, t(`reference.sample.${p}`)])) as Record<Placeholder, string>;
}

type Dialog = { kind: 'add'; situation: PhraseSituation } | { kind: 'edit'; phrase: StandardPhrase };
type SituationFilter = PhraseSituation | 'all';

export default function StandardPhrasesTab() {
  const t = useT();
  const phrases = useRemote((signal) => listStandardPhrases(signal), []);
  const [situation, setSituation] = useState<SituationFilter>('all');
  const [showInactive, setShowInactive] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  useDocumentTitle(t('reference.standard.title'));

  const all = phrases.data?.items ?? [];
  const shown = all.filter((p) => (situation === 'all' || p.situation === situation) && (showInactive || p.active));
  const countOf = (s: PhraseSituation) => all.filter((p) => p.situation === s && p.active).length;

  const nameOf = (phrase: StandardPhrase) => phrase.title;
  const toggle = useActiveToggle(nameOf, (phrase, active) => updateStandardPhrase(phrase.id, { active }), phrases.reload);

  const columns: TableProps<StandardPhrase>['columns'] = [
    {
      title: t('reference.standard.situation'),
      dataIndex: 'situation',
      width: 140,
      render: (s: PhraseSituation) => <Tag>{situationLabel(t, s)}</Tag>,
    },
    {
      title: t('reference.standard.col.title'),
      dataIndex: 'title',
      width: 160,
      render: (title: string, phrase) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong delete={!phrase.active}>
            {title}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} code>
            {phrase.key}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('reference.standard.col.text'), dataIndex: 'text', render: (text: string) => <TemplateText text={text} /> },
    sourceColumn(t, { width: 200 }),
    activeColumn(t, 90),
    editToggleColumn(t, { nameOf, onEdit: (phrase) => setDialog({ kind: 'edit', phrase }), onToggle: toggle, width: 130 }),
  ];

  return (
    <>
      <PageHeader
        title={t('reference.standard.title')}
        subtitle={t('reference.standard.subtitle')}
        extra={
          <AddButton onClick={() => setDialog({ kind: 'add', situation: situation === 'all' ? 'greeting' : situation })} testId="standard-add">
            {t('reference.standard.add')}
          </AddButton>
        }
      />
      <Card>
        <Flex justify="space-between" align="flex-start" gap={12} style={{ marginBottom: 16 }}>
          <Flex gap={6} wrap style={{ flex: 1 }} data-testid="standard-situations">
            {(['all', ...PHRASE_SITUATIONS] as const).map((s) => (
              <Tag.CheckableTag
                key={s}
                checked={situation === s}
                onChange={() => setSituation(s)}
                style={{ paddingBlock: 2, paddingInline: 10, border: '1px solid #d9d9d9' }}
              >
                {s === 'all' ? t('reference.standard.allSituations') : situationLabel(t, s)}{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12, color: 'inherit', opacity: 0.75 }}>
                  {s === 'all' ? all.filter((p) => p.active).length : countOf(s)}
                </Typography.Text>
              </Tag.CheckableTag>
            ))}
          </Flex>
          <ShowInactiveSwitch checked={showInactive} onChange={setShowInactive} />
        </Flex>
        <Table<StandardPhrase>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={shown}
          loading={phrases.loading}
          pagination={false}
          tableLayout="fixed"
          data-testid="standard-phrases"
        />
      </Card>
      {dialog && (
        <PhraseModal
          dialog={dialog}
          onDone={(changed) => {
            setDialog(null);
            if (changed) phrases.reload();
          }}
        />
      )}
    </>
  );
}

interface PhraseValues {
  situation: PhraseSituation;
  title: string;
  text: string;
  source: string;
}

function PhraseModal({ dialog, onDone }: { dialog: Dialog; onDone: (changed: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<PhraseValues>();
  const { save, modalProps } = useSaveDialog(onDone);
  const [forbidden, setForbidden] = useState<string[]>([]);
  const editing = dialog.kind === 'edit' ? dialog.phrase : null;
  const text = (Form.useWatch('text', form) as string | undefined) ?? editing?.text ?? '';

  // The server's own check, as the reply box would run it, while the admin types.
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      if (!text.trim()) {
        setForbidden([]);
        return;
      }
      checkPhrases(text, controller.signal)
        .then((result) => setForbidden([...new Set(result.hits.map((h) => h.phrase))]))
        .catch(() => undefined); // a failed preview check is not worth a message; saving checks again
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  function insert(name: Placeholder) {
    const current = (form.getFieldValue('text') as string | undefined) ?? '';
    form.setFieldValue('text', `${current}{${name}}`);
    void form.validateFields(['text']);
  }

  const submit = (values: PhraseValues) =>
    save(async () => {
      if (editing) {
        await updateStandardPhrase(editing.id, { situation: values.situation, title: values.title.trim(), text: values.text.trim() });
      } else {
        await createStandardPhrase({ situation: values.situation, title: values.title.trim(), text: values.text.trim(), source: values.source.trim() });
      }
      void message.success(t('reference.saved'));
    });

  const preview = renderTemplate(text, sampleValues(t)).text;

  return (
    <FormModal
      {...modalProps}
      width={680}
      title={editing ? t('reference.standard.editTitle') : t('reference.standard.addTitle')}
      okText={t('common.save')}
      form={form}
    >
      <Form<PhraseValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          editing
            ? { situation: editing.situation, title: editing.title, text: editing.text, source: editing.source }
            : { situation: dialog.kind === 'add' ? dialog.situation : 'greeting', title: '', text: '', source: '' }
        }
        data-testid="standard-form"
      >
        <Space size={16} style={{ width: '100%' }} align="start">
          <Form.Item name="situation" label={t('reference.standard.situation')} style={{ width: 200 }}>
            <Select options={PHRASE_SITUATIONS.map((s) => ({ value: s, label: situationLabel(t, s) }))} />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('reference.standard.titleLabel')}
            extra={t('reference.standard.titleHint')}
            style={{ width: 400 }}
            rules={requiredTextRules(t, PHRASE_TITLE_MAX)}
          >
            <Input maxLength={PHRASE_TITLE_MAX} />
          </Form.Item>
        </Space>
        <Form.Item
          name="text"
          label={t('reference.standard.text')}
          required
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const errors = templateErrors(t, (value ?? '').trim());
                return errors[0] ? Promise.reject(new Error(errors[0])) : Promise.resolve();
              },
            },
          ]}
        >
          <Input.TextArea rows={4} maxLength={PHRASE_TEXT_MAX} showCount data-testid="standard-text" />
        </Form.Item>
        <Space size={4} wrap style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary">{t('reference.standard.insert')}</Typography.Text>
          {PLACEHOLDERS.map((p) => (
            <Button key={p} size="small" onClick={() => insert(p)}>
              {placeholderLabel(t, p)} <Typography.Text code>{`{${p}}`}</Typography.Text>
            </Button>
          ))}
        </Space>
        {forbidden.length > 0 && (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('reference.standard.v.forbidden', { phrases: forbidden.join('、') })} />
        )}
        {!editing && <SourceField />}
        <Card size="small" title={t('reference.standard.preview')} data-testid="standard-preview">
          <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{preview || t('common.none')}</Typography.Paragraph>
        </Card>
      </Form>
    </FormModal>
  );
}
