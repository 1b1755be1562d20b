/**
 * What the policies tabs share. Lists whose entries are deactivated, never deleted (tickets and
 * replies keep what they were given): the status and actions columns, the "show inactive" switch,
 * the source column and field. Versioned policies (time limits, ticket SLA): the version columns,
 * who changed it when, and the history card. And the add button of a tab's header.
 */
import { HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Switch, Tag, Typography, type DescriptionsProps, type TableColumnType } from 'antd';
import { useRef, useState, type ReactNode, type Ref } from 'react';
import { ApiError } from '../../api';
import { formatDateTime } from '../../format';
import { getLocale, useT, type Translate } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { REFERENCE_SOURCE_MAX, sourceText, systemNoteText } from '../../shared';

export function AddButton({ onClick, testId, children }: { onClick(): void; testId: string; children: ReactNode }) {
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>
      {children}
    </Button>
  );
}

/** Required text, trimmed, at most `max` characters. */
export function requiredTextRules(t: Translate, max: number) {
  return [
    { required: true, whitespace: true, message: t('reference.v.required') },
    { max, message: t('reference.v.max', { max }) },
  ];
}

/**
 * A stored source in the console's language: the citations of the defaults are known in zh-CN and
 * en-US (src/domain/sources.ts); what an admin wrote is shown as written.
 */
export function readableSource(source: string): string {
  return sourceText(source, getLocale());
}

/** Where an entry comes from (a regulation, a company document, a rule); set when it is added. */
export function SourceField({ placeholder }: { placeholder?: string }) {
  const t = useT();
  return (
    <Form.Item name="source" label={t('reference.source')}>
      <Input placeholder={placeholder} maxLength={REFERENCE_SOURCE_MAX} />
    </Form.Item>
  );
}

export function sourceColumn<T>(t: Translate, { title = t('reference.col.source'), width }: { title?: string; width?: number } = {}): TableColumnType<T> {
  return {
    title,
    dataIndex: 'source',
    width,
    render: (source: string) => (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {source ? readableSource(source) : t('common.none')}
      </Typography.Text>
    ),
  };
}

// ---- Entries that are deactivated, never deleted ----

interface Deactivatable {
  active: boolean;
}

export function ShowInactiveSwitch({ checked, onChange }: { checked: boolean; onChange(checked: boolean): void }) {
  const t = useT();
  return (
    <Space style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text>{t('reference.showInactive')}</Typography.Text>
      <Switch size="small" checked={checked} onChange={onChange} />
    </Space>
  );
}

export function activeColumn<T extends Deactivatable>(t: Translate, width?: number): TableColumnType<T> {
  return {
    title: t('reference.col.status'),
    dataIndex: 'active',
    width,
    render: (active: boolean) => (active ? <Tag color="success">{t('reference.status.active')}</Tag> : <Tag>{t('reference.status.inactive')}</Tag>),
  };
}

/** Deactivates an active entry or activates an inactive one, says so, and reloads the list. */
export function useActiveToggle<T extends Deactivatable>(
  nameOf: (row: T) => string,
  setActive: (row: T, active: boolean) => Promise<unknown>,
  reload: () => void,
): (row: T) => Promise<void> {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  return async (row) => {
    try {
      await setActive(row, !row.active);
      void message.success(t(row.active ? 'reference.deactivated' : 'reference.activated', { name: nameOf(row) }));
      reload();
    } catch (error) {
      handleError(error);
    }
  };
}

/** Edit, and deactivate (after a confirmation) or activate again. */
export function editToggleColumn<T extends Deactivatable>(
  t: Translate,
  { nameOf, onEdit, onToggle, width }: { nameOf(row: T): string; onEdit(row: T): void; onToggle(row: T): Promise<void>; width?: number },
): TableColumnType<T> {
  return {
    title: t('common.actions'),
    key: 'actions',
    width,
    render: (_, row) => (
      <Space size={0}>
        <Button type="link" size="small" onClick={() => onEdit(row)}>
          {t('reference.edit')}
        </Button>
        {row.active ? (
          <Popconfirm
            title={t('reference.deactivateConfirm', { name: nameOf(row) })}
            okText={t('reference.deactivate')}
            cancelText={t('common.cancel')}
            onConfirm={() => onToggle(row)}
          >
            <Button type="link" size="small" danger>
              {t('reference.deactivate')}
            </Button>
          </Popconfirm>
        ) : (
          <Button type="link" size="small" onClick={() => onToggle(row)}>
            {t('reference.activate')}
          </Button>
        )}
      </Space>
    ),
  };
}

// ---- Versioned policies (docs/product.md §7: a change adds a version, the ones before stay as they were) ----

/** Where each versioned policy keeps its words: `policies.col.note`, `reference.sla.col.note` … */
type VersionedKeys = 'policies' | 'reference.sla';

interface PolicyVersion {
  version: number;
  note: string;
  createdBy: string;
  createdAt: string;
}

/** Who the server writes as the author of what no person did: version 1, made from the defaults. */
const SYSTEM_ACTOR = 'system';

/** 修改人: a person's name as stored, the system in the console's language. */
export function versionAuthor(t: Translate, createdBy: string): string {
  return createdBy === SYSTEM_ACTOR ? t('reference.version.system') : createdBy;
}

/**
 * 修改说明: what the admin wrote; a note the system wrote (version 1 from the defaults, whatever its
 * database stored then, or the version that only reworded the sources) in the console's language.
 */
export function versionNote(version: Pick<PolicyVersion, 'note' | 'createdBy'>): string {
  return (version.createdBy === SYSTEM_ACTOR ? systemNoteText(version.note, getLocale()) : undefined) ?? version.note;
}

export function versionColumns<T extends PolicyVersion>(t: Translate, keys: VersionedKeys, currentVersion: number | undefined): TableColumnType<T>[] {
  return [
    {
      title: t(`${keys}.col.version`),
      dataIndex: 'version',
      render: (version: number) => (
        <Space size={6}>
          <Typography.Text strong>{t(`${keys}.versionValue`, { version })}</Typography.Text>
          {version === currentVersion && <Tag color="blue">{t(`${keys}.currentTag`)}</Tag>}
        </Space>
      ),
    },
    { title: t(`${keys}.col.note`), key: 'note', render: (_, version) => versionNote(version) },
    { title: t(`${keys}.col.createdBy`), dataIndex: 'createdBy', render: (createdBy: string) => versionAuthor(t, createdBy) },
    { title: t(`${keys}.col.createdAt`), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at) },
  ];
}

/** Why, by whom and since when the version is in force. */
export function versionFacts(t: Translate, keys: VersionedKeys, version: PolicyVersion): DescriptionsProps['items'] {
  return [
    { key: 'note', label: t(`${keys}.col.note`), children: versionNote(version) },
    { key: 'by', label: t(`${keys}.col.createdBy`), children: versionAuthor(t, version.createdBy) },
    { key: 'at', label: t(`${keys}.col.createdAt`), children: formatDateTime(version.createdAt) },
  ];
}

export function HistoryCard({ keys, children }: { keys: VersionedKeys; children: ReactNode }) {
  const t = useT();
  return (
    <Card
      title={
        <Space size={8}>
          <HistoryOutlined />
          {t(`${keys}.historyTitle`)}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t(`${keys}.historyHint`)}</Typography.Paragraph>
      {children}
    </Card>
  );
}

/** A save the server refused: its code and message, and what the console adds (what to do now). */
export interface Refusal {
  code: string;
  message: string;
  hint: string;
}

/**
 * A policy dialog's save: the OK button busy while it runs; a 4xx refusal is explained inside the
 * dialog (`explain`), which stays open with the admin's work; anything else goes to the usual error
 * handler. `onClosed(outdated)`: whether the page should load the policy again — saved, or another
 * admin saved first (CONFLICT_STALE_VERSION).
 */
export function usePolicySave(onClosed: (outdated: boolean) => void) {
  const handleError = useRequestErrorHandler();
  const [open, setOpen] = useState(true);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const outdated = useRef(false);
  const refusalRef = useRef<HTMLDivElement>(null);

  async function save(request: () => Promise<unknown>, explain: (error: ApiError) => Refusal): Promise<void> {
    setSaving(true);
    setRefusal(null);
    try {
      await request();
      outdated.current = true;
      setOpen(false);
    } catch (error) {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401) {
        if (error.code === 'CONFLICT_STALE_VERSION') outdated.current = true;
        setRefusal(explain(error));
        requestAnimationFrame(() => refusalRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
      } else {
        handleError(error);
      }
    } finally {
      setSaving(false);
    }
  }

  return {
    save,
    refusal,
    refusalProps: { onClose: () => setRefusal(null), ref: refusalRef },
    modalProps: { open, confirmLoading: saving, onClose: () => setOpen(false), afterClose: () => onClosed(outdated.current) },
  };
}

/** The refusal inside a policy dialog, where the admin's work is kept: the message, then the hint. */
export function RefusalAlert({ refusal, title, onClose, testId, ref }: { refusal: Refusal; title: string; onClose(): void; testId: string; ref?: Ref<HTMLDivElement> }) {
  return (
    <div ref={ref}>
      <Alert
        type="error"
        showIcon
        closable={{ onClose }}
        title={title}
        description={
          <Space orientation="vertical" size={4}>
            <Typography.Text>{refusal.message}</Typography.Text>
            <Typography.Text type="secondary">{refusal.hint}</Typography.Text>
          </Space>
        }
        data-testid={testId}
      />
    </div>
  );
}
