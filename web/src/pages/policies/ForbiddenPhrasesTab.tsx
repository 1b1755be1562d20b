/**
 * Forbidden phrases (服务忌语), docs/product.md §2 and 客服用语规范 §五/§六1 "严禁使用服务忌语": the list the
 * reply box checks against, and what happens to a reply that contains one (block or warn). Admins
 * try a sentence here against the server's own check before agents meet it.
 */
import { Alert, App, Card, Col, Flex, Form, Input, Radio, Row, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle, useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import {
  checkPhrases,
  createForbiddenPhrase,
  getPhraseGuard,
  listForbiddenPhrases,
  setPhraseGuard,
  updateForbiddenPhrase,
  type ForbiddenPhrase,
  type GuardMode,
  type PhraseCheck,
  type PhraseHitSpan,
} from '../../services/reference';
import { FORBIDDEN_CATEGORIES, FORBIDDEN_PHRASE_MAX, type ForbiddenCategory, type MatchMode } from '../../shared';
import { useRemote } from '../../useRemote';
import { CATEGORY_COLORS, forbiddenCategoryLabel } from './labels';
import { activeColumn, AddButton, editToggleColumn, requiredTextRules, ShowInactiveSwitch, sourceColumn, SourceField, useActiveToggle } from './parts';

const MATCH_MODES: readonly MatchMode[] = ['contains', 'standalone'];
const TRY_TEXT_MAX = 500;

/** The text with each hit marked where the server found it. */
function HighlightedText({ text, hits }: { text: string; hits: PhraseHitSpan[] }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const hit of hits) {
    if (hit.start > last) parts.push(text.slice(last, hit.start));
    parts.push(
      <mark key={hit.start} style={{ background: '#ffccc7', padding: '0 2px', borderRadius: 2 }}>
        {text.slice(hit.start, hit.end)}
      </mark>,
    );
    last = hit.end;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <span style={{ whiteSpace: 'pre-wrap' }}>{parts}</span>;
}

function GuardCard() {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const guard = useRemote((signal) => getPhraseGuard(signal), []);
  const [saving, setSaving] = useState(false);

  async function change(mode: GuardMode) {
    setSaving(true);
    try {
      await setPhraseGuard(mode);
      void message.success(t('reference.forbidden.modeSaved', { mode: t(`reference.forbidden.mode.${mode}`) }));
      guard.reload();
    } catch (error) {
      handleError(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title={t('reference.forbidden.guardTitle')} loading={guard.loading && !guard.data} style={{ height: '100%' }}>
      <Radio.Group
        value={guard.data?.mode}
        disabled={saving}
        onChange={(event) => void change(event.target.value as GuardMode)}
        style={{ display: 'flex', flexDirection: 'column', gap: 12 }}
        options={(['block', 'warn'] as const).map((mode) => ({ value: mode, label: t(`reference.forbidden.mode.${mode}`) }))}
        data-testid="guard-mode"
      />
    </Card>
  );
}

function TryCard({ listVersion }: { listVersion: number }) {
  const t = useT();
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ text: string; check: PhraseCheck } | null>(null);

  // As the reply box does: ask the server while the admin types (it records nothing).
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      if (!text.trim()) {
        setResult(null);
        return;
      }
      checkPhrases(text, controller.signal)
        .then((check) => setResult({ text, check }))
        .catch(() => undefined); // the preview only; nothing is lost
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, listVersion]);

  return (
    <Card title={t('reference.forbidden.tryTitle')} style={{ height: '100%' }}>
      <Input.TextArea
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={2}
        maxLength={TRY_TEXT_MAX}
        placeholder={t('reference.forbidden.tryPlaceholder')}
        data-testid="guard-try"
      />
      {result && (
        <div style={{ marginTop: 12 }} data-testid="guard-try-result">
          {result.check.hits.length === 0 ? (
            <Alert type="success" showIcon title={t('reference.forbidden.tryClean')} />
          ) : (
            <Alert
              type={result.check.allowed ? 'warning' : 'error'}
              showIcon
              title={
                <Space orientation="vertical" size={4}>
                  <span>
                    {t('reference.forbidden.tryHits', { count: result.check.hits.length })} ·{' '}
                    {t(result.check.allowed ? 'reference.forbidden.tryWarned' : 'reference.forbidden.tryBlocked')}
                  </span>
                  <HighlightedText text={result.text} hits={result.check.hits} />
                </Space>
              }
            />
          )}
        </div>
      )}
    </Card>
  );
}

type Dialog = { kind: 'add' } | { kind: 'edit'; phrase: ForbiddenPhrase };

export default function ForbiddenPhrasesTab() {
  const t = useT();
  const phrases = useRemote((signal) => listForbiddenPhrases(signal), []);
  const [category, setCategory] = useState<ForbiddenCategory | undefined>();
  const [search, setSearch] = useState('');
  const [showInactive, setShowInactive] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [listVersion, setListVersion] = useState(0);
  useDocumentTitle(t('reference.forbidden.title'));

  const reload = () => {
    phrases.reload();
    setListVersion((n) => n + 1);
  };

  const needle = search.trim();
  const shown = (phrases.data?.items ?? []).filter(
    (p) => (!category || p.category === category) && (showInactive || p.active) && (!needle || p.phrase.includes(needle) || p.normalized.includes(needle)),
  );

  const nameOf = (row: ForbiddenPhrase) => row.phrase;
  const toggle = useActiveToggle(nameOf, (row, active) => updateForbiddenPhrase(row.id, { active }), reload);

  const columns: TableProps<ForbiddenPhrase>['columns'] = [
    {
      title: t('reference.forbidden.col.phrase'),
      dataIndex: 'phrase',
      render: (phrase: string, row) => (
        <Typography.Text strong delete={!row.active}>
          {phrase}
        </Typography.Text>
      ),
    },
    {
      title: t('reference.forbidden.col.category'),
      dataIndex: 'category',
      render: (c: ForbiddenCategory) => <Tag color={CATEGORY_COLORS[c]}>{forbiddenCategoryLabel(t, c)}</Tag>,
    },
    {
      title: t('reference.forbidden.col.match'),
      dataIndex: 'match',
      render: (match: MatchMode) => <Typography.Text>{t(`reference.forbidden.match.${match}`)}</Typography.Text>,
    },
    sourceColumn(t),
    activeColumn(t),
    editToggleColumn(t, { nameOf, onEdit: (phrase) => setDialog({ kind: 'edit', phrase }), onToggle: toggle }),
  ];

  return (
    <>
      <PageHeader
        title={t('reference.forbidden.title')}
        subtitle={t('reference.forbidden.subtitle')}
        extra={
          <AddButton onClick={() => setDialog({ kind: 'add' })} testId="forbidden-add">
            {t('reference.forbidden.add')}
          </AddButton>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={9}>
            <GuardCard />
          </Col>
          <Col xs={24} lg={15}>
            <TryCard listVersion={listVersion} />
          </Col>
        </Row>
        <Card>
          <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
            <Input.Search allowClear placeholder={t('reference.forbidden.search')} style={{ width: 220 }} onSearch={setSearch} onChange={(e) => setSearch(e.target.value)} />
            <Select<ForbiddenCategory>
              allowClear
              placeholder={t('reference.forbidden.allCategories')}
              value={category}
              onChange={setCategory}
              style={{ width: 180 }}
              options={FORBIDDEN_CATEGORIES.map((c) => ({ value: c, label: forbiddenCategoryLabel(t, c) }))}
            />
            <ShowInactiveSwitch checked={showInactive} onChange={setShowInactive} />
            <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
              {t('common.total', { total: shown.length })}
            </Typography.Text>
          </Flex>
          <Table<ForbiddenPhrase>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={shown}
            loading={phrases.loading}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
            data-testid="forbidden-phrases"
          />
        </Card>
      </Space>
      {dialog && (
        <ForbiddenModal
          dialog={dialog}
          onDone={(changed) => {
            setDialog(null);
            if (changed) reload();
          }}
        />
      )}
    </>
  );
}

interface ForbiddenValues {
  phrase: string;
  category: ForbiddenCategory;
  match: MatchMode;
  source: string;
}

function ForbiddenModal({ dialog, onDone }: { dialog: Dialog; onDone: (changed: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ForbiddenValues>();
  const { save, modalProps } = useSaveDialog(onDone);
  const editing = dialog.kind === 'edit' ? dialog.phrase : null;

  const submit = (values: ForbiddenValues) =>
    save(async () => {
      const phrase = values.phrase.trim();
      if (editing) await updateForbiddenPhrase(editing.id, { phrase, category: values.category, match: values.match });
      else await createForbiddenPhrase({ phrase, category: values.category, match: values.match, source: values.source.trim() });
      void message.success(t('reference.saved'));
    });

  return (
    <FormModal
      {...modalProps}
      width={560}
      title={editing ? t('reference.forbidden.editTitle') : t('reference.forbidden.addTitle')}
      okText={t('common.save')}
      form={form}
    >
      <Form<ForbiddenValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          editing
            ? { phrase: editing.phrase, category: editing.category, match: editing.match, source: editing.source }
            : { phrase: '', category: 'impatience', match: 'contains', source: '' }
        }
        data-testid="forbidden-form"
      >
        <Form.Item
          name="phrase"
          label={t('reference.forbidden.phrase')}
          rules={requiredTextRules(t, FORBIDDEN_PHRASE_MAX)}
        >
          <Input maxLength={FORBIDDEN_PHRASE_MAX} />
        </Form.Item>
        <Form.Item name="category" label={t('reference.forbidden.category')}>
          <Select options={FORBIDDEN_CATEGORIES.map((c) => ({ value: c, label: forbiddenCategoryLabel(t, c) }))} />
        </Form.Item>
        <Form.Item name="match" label={t('reference.forbidden.match')} extra={t('reference.forbidden.matchHint')}>
          <Radio.Group optionType="button" options={MATCH_MODES.map((m) => ({ value: m, label: t(`reference.forbidden.match.${m}`) }))} />
        </Form.Item>
        {!editing && <SourceField />}
      </Form>
    </FormModal>
  );
}
