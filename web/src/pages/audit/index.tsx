import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import {
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
  type TableProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { addDays, formatDateTime, startOfDay, todayIn } from '../../format';
import { useDocumentTitle, useLocale, useT } from '../../i18n';
import { KNOWN_AUDIT_ACTIONS, auditActionLabel, subjectTypeLabel } from '../../labels';
import { useRequestErrorHandler } from '../../request-error';
import { listAuditActions, listAuditEntries } from '../../services/audit';
import { listDepartments } from '../../services/departments';
import type { AuditEntry } from '../../services/types';
import { listUsers } from '../../services/users';
import { PAGE_SIZE_MAX } from '../../shared';
import { useRemote } from '../../useRemote';
import { detailItems, subjectName, type DetailLookups } from './detail';

/** Pairs the table shows in a row; the rest (and the raw record) are in the expanded row. */
const DETAIL_ITEMS_SHOWN = 3;

const DEFAULT_PAGE_SIZE = 20;
const PAGE_SIZES = [10, 20, 50, PAGE_SIZE_MAX];
/**
 * Dates in the address are calendar days of the company's time zone (time-zone.ts): a day runs from
 * the company's midnight to the next, whatever zone the browser is in.
 */
const DAY_FORMAT = 'YYYY-MM-DD';

type Range = [Dayjs | null, Dayjs | null] | null;

interface ActorOption {
  value: string;
  label: string;
}

function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
}

function dayParam(value: string | null): Dayjs | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const day = dayjs(value);
  return day.isValid() ? day : null;
}

function compactJson(detail: AuditEntry['detail']): string {
  if (!detail || Object.keys(detail).length === 0) return '';
  return JSON.stringify(detail);
}

/** Picks an actor among the users (needs users.manage to search them). */
function ActorSelect({
  value,
  onChange,
}: {
  value: ActorOption | undefined;
  onChange: (value: ActorOption | undefined) => void;
}) {
  const t = useT();
  const handleError = useRequestErrorHandler();
  const [options, setOptions] = useState<ActorOption[]>([]);
  const [searching, setSearching] = useState(false);
  const pending = useRef<{ timer?: ReturnType<typeof setTimeout>; controller?: AbortController }>({});

  function search(text: string) {
    clearTimeout(pending.current.timer);
    pending.current.controller?.abort();
    pending.current.timer = setTimeout(() => {
      const controller = new AbortController();
      pending.current.controller = controller;
      setSearching(true);
      listUsers({ q: text.trim() || undefined, page: 1, pageSize: 20 }, controller.signal)
        .then(({ items }) =>
          setOptions(items.map((u) => ({ value: u.id, label: t('audit.actorOption', { name: u.displayName, username: u.username }) }))),
        )
        .catch(handleError)
        .finally(() => {
          if (!controller.signal.aborted) setSearching(false);
        });
    }, 300);
  }

  useEffect(() => {
    const current = pending.current;
    return () => {
      clearTimeout(current.timer);
      current.controller?.abort();
    };
  }, []);

  return (
    <Select<string, ActorOption>
      allowClear
      showSearch={{ filterOption: false, onSearch: search }}
      value={value?.value}
      onChange={(_id, option) => onChange(option && !Array.isArray(option) ? option : undefined)}
      onOpenChange={(open) => {
        if (open && options.length === 0) search('');
      }}
      loading={searching}
      // The chosen actor stays listed (with the name it was chosen by) while other names are searched.
      options={value && !options.some((o) => o.value === value.value) ? [value, ...options] : options}
      placeholder={t('audit.filter.actor')}
      style={{ width: 220 }}
      data-testid="audit-actor"
    />
  );
}

/** Audit log (admins only): who did what, when, from where. Filters live in the URL. */
export default function AuditPage() {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  useDocumentTitle(t('audit.title'));

  const action = params.get('action') ?? '';
  const actorId = params.get('actorId') ?? '';
  const actorName = params.get('actorName') ?? actorId;
  const fromDay = dayParam(params.get('from'));
  const toDay = dayParam(params.get('to'));
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE, PAGE_SIZE_MAX);

  // What the filter bar shows; applied to the address (and the query) on "Search".
  const [draftAction, setDraftAction] = useState(action);
  const [draftActor, setDraftActor] = useState<ActorOption | undefined>(
    actorId ? { value: actorId, label: actorName } : undefined,
  );
  const [draftRange, setDraftRange] = useState<Range>(fromDay || toDay ? [fromDay, toDay] : null);
  // Back/forward changes the address: show what is applied again.
  const fromParam = params.get('from');
  const toParam = params.get('to');
  useEffect(() => {
    setDraftAction(action);
    setDraftActor(actorId ? { value: actorId, label: actorName } : undefined);
    const from = dayParam(fromParam);
    const to = dayParam(toParam);
    setDraftRange(from || to ? [from, to] : null);
  }, [action, actorId, actorName, fromParam, toParam]);

  const fromIso = fromDay ? startOfDay(fromDay.format(DAY_FORMAT)) : undefined;
  // The server's `to` is exclusive: up to the start of the day after the last chosen day.
  const toIso = toDay ? startOfDay(addDays(toDay.format(DAY_FORMAT), 1)) : undefined;
  // The presets count in company days too.
  const today = todayIn();
  const entries = useRemote(
    (signal) =>
      listAuditEntries(
        { action: action || undefined, actorId: actorId || undefined, from: fromIso, to: toIso, page, pageSize },
        signal,
      ),
    [action, actorId, fromIso, toIso, page, pageSize],
  );

  function apply(next: {
    action?: string;
    actor?: ActorOption;
    range?: Range;
    page?: number;
    pageSize?: number;
  }) {
    const search = new URLSearchParams();
    const a = next.action?.trim();
    if (a) search.set('action', a);
    if (next.actor) {
      search.set('actorId', next.actor.value);
      search.set('actorName', next.actor.label);
    }
    const [from, to] = next.range ?? [null, null];
    if (from) search.set('from', from.format(DAY_FORMAT));
    if (to) search.set('to', to.format(DAY_FORMAT));
    if (next.page && next.page > 1) search.set('page', String(next.page));
    if (next.pageSize && next.pageSize !== DEFAULT_PAGE_SIZE) search.set('pageSize', String(next.pageSize));
    setParams(search);
  }

  const applied = {
    action,
    actor: actorId ? { value: actorId, label: actorName } : undefined,
    range: [fromDay, toDay] as Range,
  };

  function runSearch() {
    apply({ action: draftAction, actor: draftActor, range: draftRange, pageSize });
  }

  function resetFilters() {
    setDraftAction('');
    setDraftActor(undefined);
    setDraftRange(null);
    apply({ pageSize });
  }

  function filterByActor(entry: AuditEntry) {
    if (!entry.actorId) return;
    const actor = { value: entry.actorId, label: entry.actorName ?? entry.actorId };
    setDraftActor(actor);
    apply({ ...applied, actor, pageSize });
  }

  const loggedActions = useRemote((signal) => listAuditActions(signal), []);
  // Department ids in the details (a user's department) are shown by name.
  const mayReadDepartments = can('departments.read');
  const departments = useRemote((signal) => (mayReadDepartments ? listDepartments(signal) : Promise.resolve([])), [mayReadDepartments]);
  const lookups = useMemo<DetailLookups>(() => {
    const names = new Map((departments.data ?? []).map((d) => [d.id, d.name]));
    return { departmentName: (id) => names.get(id) };
  }, [departments.data]);
  const actionOptions = useMemo(
    () =>
      [...new Set<string>([...KNOWN_AUDIT_ACTIONS, ...(loggedActions.data ?? [])])].map((code) => ({
        value: code,
        label: (
          <Flex justify="space-between" gap={12}>
            <span>{auditActionLabel(t, code)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {code}
            </Typography.Text>
          </Flex>
        ),
      })),
    [t, loggedActions.data],
  );

  const columns: TableProps<AuditEntry>['columns'] = [
    {
      title: t('audit.col.at'),
      dataIndex: 'at',
      width: 180,
      render: (at: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatDateTime(at)}</span>,
    },
    {
      title: t('audit.col.actor'),
      dataIndex: 'actorName',
      render: (name: string | null, entry) =>
        entry.actorId ? (
          <Tooltip title={t('audit.filterByActor')}>
            <Typography.Link onClick={() => filterByActor(entry)}>{name ?? entry.actorId}</Typography.Link>
          </Tooltip>
        ) : (
          // No person: the server itself (sign-in failures of unknown names, scheduled jobs).
          <Typography.Text type="secondary">{!name || name === 'system' ? t('audit.system') : name}</Typography.Text>
        ),
    },
    {
      title: t('audit.col.action'),
      dataIndex: 'action',
      render: (code: string) => {
        const label = auditActionLabel(t, code);
        return label === code ? (
          <Typography.Text code>{code}</Typography.Text>
        ) : (
          <Tooltip title={code}>
            <span>{label}</span>
          </Tooltip>
        );
      },
    },
    {
      title: t('audit.col.subject'),
      key: 'subject',
      render: (_, entry) => {
        if (!entry.subjectType) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
        // The subject by its name or number when the entry carries one; the id stays in the tooltip and the copy.
        const name = subjectName(entry, locale);
        const id = entry.subjectId;
        return (
          <Space size={4}>
            <span>{subjectTypeLabel(t, entry.subjectType)}</span>
            {id && (
              <Typography.Text type={name ? undefined : 'secondary'} copyable={{ text: id }} style={name ? undefined : { fontSize: 12 }} data-testid="audit-subject">
                <Tooltip title={id}>
                  <span>{name ?? (id.length > 12 ? `${id.slice(0, 8)}…` : id)}</span>
                </Tooltip>
              </Typography.Text>
            )}
          </Space>
        );
      },
    },
    {
      title: t('audit.col.ip'),
      dataIndex: 'ip',
      render: (ip: string | null) => ip ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
    },
    {
      title: t('audit.col.detail'),
      dataIndex: 'detail',
      render: (detail: AuditEntry['detail']) => {
        const items = detailItems(t, detail, lookups);
        if (items.length === 0) return <Typography.Text type="secondary">{t('audit.noDetail')}</Typography.Text>;
        const rest = items.length - DETAIL_ITEMS_SHOWN;
        return (
          // Every pair and the raw record (JSON) are in the expanded row, for investigators.
          <div style={{ maxWidth: 420, fontSize: 13 }} data-testid="audit-detail">
            {items.slice(0, DETAIL_ITEMS_SHOWN).map((item) => (
              <div key={item.key} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                <Typography.Text type="secondary">{t('audit.detail.label', { label: item.label })}</Typography.Text>
                {item.value}
              </div>
            ))}
            {rest > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('audit.detail.more', { count: rest })}
              </Typography.Text>
            )}
          </div>
        );
      },
    },
  ];
  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <AutoComplete
            allowClear
            value={draftAction}
            options={actionOptions}
            onChange={(value: string | undefined) => setDraftAction(value ?? '')}
            showSearch={{
              filterOption: (input, option) => {
                const code = String(option?.value ?? '');
                const text = input.trim().toLowerCase();
                return !text || code.includes(text) || auditActionLabel(t, code).toLowerCase().includes(text);
              },
            }}
            placeholder={t('audit.filter.action')}
            style={{ width: 240 }}
            popupMatchSelectWidth={280}
            data-testid="audit-action"
            onKeyDown={(event) => {
              if (event.key === 'Enter') runSearch();
            }}
          />
          {can('users.manage') && <ActorSelect value={draftActor} onChange={setDraftActor} />}
          <DatePicker.RangePicker
            value={draftRange}
            onChange={(range) => setDraftRange(range)}
            allowEmpty={[true, true]}
            placeholder={[t('audit.filter.from'), t('audit.filter.to')]}
            presets={[
              { label: t('audit.preset.today'), value: [dayjs(today), dayjs(today)] },
              { label: t('audit.preset.last7'), value: [dayjs(addDays(today, -6)), dayjs(today)] },
              { label: t('audit.preset.last30'), value: [dayjs(addDays(today, -29)), dayjs(today)] },
            ]}
            data-testid="audit-range"
          />
          <Space>
            <Button type="primary" icon={<SearchOutlined />} onClick={runSearch} data-testid="audit-search">
              {t('common.search')}
            </Button>
            <Button onClick={resetFilters}>{t('common.reset')}</Button>
            <Tooltip title={t('common.reload')}>
              <Button icon={<ReloadOutlined />} onClick={entries.reload} aria-label={t('common.reload')} />
            </Tooltip>
          </Space>
        </Flex>
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={entries.data?.items ?? []}
          loading={entries.loading}
          scroll={{ x: 'max-content' }}
          expandable={{
            rowExpandable: (entry) => compactJson(entry.detail) !== '',
            expandedRowRender: (entry) => (
              <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="audit-detail-full">
                <Typography.Text type="secondary">{t('audit.detailTitle')}</Typography.Text>
                <Descriptions
                  size="small"
                  column={1}
                  bordered
                  items={detailItems(t, entry.detail, lookups, Number.POSITIVE_INFINITY).map((item) => ({ key: item.key, label: item.label, children: item.value }))}
                />
                <Typography.Text type="secondary">{t('audit.detail.fullJson')}</Typography.Text>
                <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(entry.detail, null, 2)}</pre>
              </Space>
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: entries.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (total) => t('common.total', { total }),
          }}
          onChange={(pagination) =>
            apply({
              ...applied,
              page: pagination.current ?? 1,
              pageSize: pagination.pageSize ?? DEFAULT_PAGE_SIZE,
            })
          }
        />
      </Card>
    </>
  );
}
