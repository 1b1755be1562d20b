/**
 * The business calendar (工作日历), docs/product.md §7: "Every clock is computed in the company's time
 * zone with a business calendar where the rule says working days/hours (holidays included)".
 * Time zone, working hours and callback hours (客服用语规范: 9:00–12:00, 15:00–18:00), and the days
 * that differ from the ordinary week — public holidays and weekend days worked in exchange (调休).
 */
import { DeleteOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { todayIn } from '../../format';
import { useDocumentTitle, useT, type Translate } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import {
  deleteCalendarDay,
  getCalendar,
  listCalendarDays,
  putCalendarDay,
  setCalendar,
  type CalendarDay,
  type CalendarDayKind,
  type CalendarSettings,
} from '../../services/reference';
import { CALENDAR_DAY_NAME_MAX, holidayArrangementMissing, type TimeWindow } from '../../shared';
import { setCompanyTimeZone } from '../../time-zone';
import { useRemote } from '../../useRemote';
import { AddButton, requiredTextRules, sourceColumn, SourceField } from './parts';

const CLOCK = /^(?:([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The windows as tags, with a line on what they are for. */
function WindowTags({ windows, hint }: { windows: TimeWindow[]; hint: string }) {
  return (
    <Space orientation="vertical" size={4}>
      <Space size={4} wrap>
        {windows.map((w) => (
          <Tag key={`${w.start}-${w.end}`} color="blue">
            {w.start}–{w.end}
          </Tag>
        ))}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {hint}
      </Typography.Text>
    </Space>
  );
}

function weekdayLabel(t: Translate, date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return t(`reference.calendar.weekday.${day as 0 | 1 | 2 | 3 | 4 | 5 | 6}`);
}

const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

export default function CalendarTab() {
  const t = useT();
  useDocumentTitle(t('reference.calendar.title'));
  return (
    <>
      <PageHeader title={t('reference.calendar.title')} subtitle={t('reference.calendar.subtitle')} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <HoursCard />
        <DaysCard />
      </Space>
    </>
  );
}

// ---- Time zone and hours ----

function HoursCard() {
  const t = useT();
  const settings = useRemote((signal) => getCalendar(signal), []);
  const [editing, setEditing] = useState(false);
  return (
    <Card
      title={t('reference.calendar.hoursTitle')}
      loading={settings.loading && !settings.data}
      extra={
        settings.data && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="calendar-edit-hours">
            {t('reference.calendar.editHours')}
          </Button>
        )
      }
      data-testid="calendar-hours"
    >
      {settings.data && (
        <Descriptions
          size="small"
          column={1}
          bordered
          styles={{ label: { width: 160 } }}
          items={[
            { key: 'zone', label: t('reference.calendar.timeZone'), children: <Typography.Text code>{settings.data.timeZone}</Typography.Text> },
            {
              key: 'working',
              label: t('reference.calendar.workingHours'),
              children: <WindowTags windows={settings.data.workingHours} hint={t('reference.calendar.workingHoursHint')} />,
            },
            {
              key: 'callback',
              label: t('reference.calendar.callbackHours'),
              children: <WindowTags windows={settings.data.callbackHours} hint={t('reference.calendar.callbackHoursHint')} />,
            },
          ]}
        />
      )}
      {editing && settings.data && (
        <HoursModal
          current={settings.data}
          onDone={(changed) => {
            setEditing(false);
            if (changed) settings.reload();
          }}
        />
      )}
    </Card>
  );
}

/** Every IANA zone the browser knows; the current one first if the browser lacks it. */
function timeZoneOptions(current: string) {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = zones.includes(current) ? zones : [current, ...zones];
  return all.map((zone) => ({ value: zone, label: zone }));
}

function WindowsField({ name, label }: { name: 'workingHours' | 'callbackHours'; label: string }) {
  const t = useT();
  const check = (windows: TimeWindow[] | undefined) => {
    if (!windows || windows.length === 0) return Promise.reject(new Error(t('reference.calendar.v.windows')));
    let previousEnd = -1;
    for (const w of windows) {
      if (!w || !CLOCK.test(w.start ?? '') || !CLOCK.test(w.end ?? '') || w.start === '24:00') return Promise.resolve(); // per-field messages
      if (minuteOf(w.end) <= minuteOf(w.start) || minuteOf(w.start) < previousEnd) {
        return Promise.reject(new Error(t('reference.calendar.v.order')));
      }
      previousEnd = minuteOf(w.end);
    }
    return Promise.resolve();
  };
  const timeRule = { pattern: CLOCK, message: t('reference.calendar.v.time') };
  return (
    <Form.List name={name} rules={[{ validator: (_, value: TimeWindow[] | undefined) => check(value) }]}>
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={label} required>
          {fields.map((field) => (
            <Space key={field.key} align="baseline" size={8}>
              <Form.Item name={[field.name, 'start']} rules={[{ required: true, message: t('reference.calendar.v.time') }, timeRule]}>
                <Input placeholder={t('reference.calendar.start')} style={{ width: 100 }} maxLength={5} />
              </Form.Item>
              <Typography.Text type="secondary">–</Typography.Text>
              <Form.Item name={[field.name, 'end']} rules={[{ required: true, message: t('reference.calendar.v.time') }, timeRule]}>
                <Input placeholder={t('reference.calendar.end')} style={{ width: 100 }} maxLength={5} />
              </Form.Item>
              <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('reference.calendar.removeWindow')} onClick={() => remove(field.name)} />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ start: '', end: '' })} disabled={fields.length >= 8}>
            {t('reference.calendar.addWindow')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Form.Item>
      )}
    </Form.List>
  );
}

function HoursModal({ current, onDone }: { current: CalendarSettings; onDone: (changed: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CalendarSettings>();
  const { save, modalProps } = useSaveDialog(onDone);
  const zones = useMemo(() => timeZoneOptions(current.timeZone), [current.timeZone]);

  const submit = (values: CalendarSettings) =>
    save(async () => {
      const saved = await setCalendar({
        timeZone: values.timeZone,
        workingHours: values.workingHours.map((w) => ({ start: w.start.trim(), end: w.end.trim() })),
        callbackHours: values.callbackHours.map((w) => ({ start: w.start.trim(), end: w.end.trim() })),
      });
      // The console shows times in the calendar's zone (time-zone.ts): from now on, the new one.
      setCompanyTimeZone(saved.timeZone);
      void message.success(t('reference.saved'));
    });

  return (
    <FormModal {...modalProps} width={560} title={t('reference.calendar.editHours')} okText={t('common.save')} form={form}>
      <Form<CalendarSettings> form={form} layout="vertical" onFinish={submit} initialValues={current} data-testid="calendar-hours-form">
        <Form.Item name="timeZone" label={t('reference.calendar.timeZone')} rules={[{ required: true, message: t('reference.calendar.v.timeZone') }]}>
          <Select showSearch options={zones} />
        </Form.Item>
        <WindowsField name="workingHours" label={t('reference.calendar.workingHours')} />
        <WindowsField name="callbackHours" label={t('reference.calendar.callbackHours')} />
      </Form>
    </FormModal>
  );
}

// ---- Holidays and exchanged working days ----

type DayDialog = { kind: 'add' } | { kind: 'edit'; day: CalendarDay };

function DaysCard() {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  // The company's year, not the browser's: they differ for a few hours around New Year.
  const thisYear = Number(todayIn().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const days = useRemote((signal) => listCalendarDays(year, signal), [year]);
  const [dialog, setDialog] = useState<DayDialog | null>(null);
  // This year and next, whichever is shown: an arrangement not entered is found before its year starts.
  const judged = [thisYear, thisYear + 1];
  const judgedDays = useRemote((signal) => Promise.all(judged.map((y) => listCalendarDays(y, signal))), [thisYear]);
  const unarranged = judged.filter((y, i) => {
    const loaded = judgedDays.data?.[i];
    return loaded !== undefined && holidayArrangementMissing(y, loaded.items);
  });

  const years = [...new Set([...(days.data?.years ?? []), thisYear, thisYear + 1, year])].sort((a, b) => a - b);
  const items = days.data?.items ?? [];
  const holidays = items.filter((d) => d.kind === 'holiday').length;

  async function remove(day: CalendarDay) {
    try {
      await deleteCalendarDay(day.date);
      void message.success(t('reference.calendar.removed', { date: day.date }));
      days.reload();
      judgedDays.reload();
    } catch (error) {
      handleError(error);
    }
  }

  const columns: TableProps<CalendarDay>['columns'] = [
    { title: t('reference.calendar.col.date'), dataIndex: 'date', render: (date: string) => <Typography.Text strong>{date}</Typography.Text> },
    {
      title: t('reference.calendar.col.weekday'),
      key: 'weekday',
      render: (_, day) => <Typography.Text type={isWeekend(day.date) ? 'secondary' : undefined}>{weekdayLabel(t, day.date)}</Typography.Text>,
    },
    {
      title: t('reference.calendar.col.kind'),
      dataIndex: 'kind',
      render: (kind: CalendarDayKind) => <Tag color={kind === 'holiday' ? 'red' : 'blue'}>{t(`reference.calendar.kind.${kind}`)}</Tag>,
    },
    { title: t('reference.calendar.col.name'), dataIndex: 'name' },
    sourceColumn(t, { title: t('reference.source') }),
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, day) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', day })}>
            {t('reference.edit')}
          </Button>
          <Popconfirm
            title={t('reference.calendar.removeConfirm', { date: day.date })}
            okText={t('reference.calendar.removeDay')}
            cancelText={t('common.cancel')}
            onConfirm={() => remove(day)}
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />}>
              {t('reference.calendar.removeDay')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('reference.calendar.daysTitle')}
      extra={
        <Space>
          <Select
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={years.map((y) => ({ value: y, label: t('reference.calendar.yearValue', { year: y }) }))}
            data-testid="calendar-year"
          />
          <AddButton onClick={() => setDialog({ kind: 'add' })} testId="calendar-add-day">
            {t('reference.calendar.addDay')}
          </AddButton>
        </Space>
      }
    >
      {unarranged.map((missing) => (
        <Alert
          key={missing}
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('reference.calendar.unarranged.title', { year: missing })}
          description={t('reference.calendar.unarranged.description', { year: missing })}
          action={
            <Button
              size="small"
              onClick={() => {
                setYear(missing);
                setDialog({ kind: 'add' });
              }}
            >
              {t('reference.calendar.unarranged.add', { year: missing })}
            </Button>
          }
          data-testid={`calendar-unarranged-${missing}`}
        />
      ))}
      <Flex style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          {t('reference.calendar.daysSummary', { year, holidays, workdays: items.length - holidays })}
        </Typography.Text>
      </Flex>
      <Table<CalendarDay>
        rowKey="date"
        size="small"
        columns={columns}
        dataSource={items}
        loading={days.loading}
        pagination={false}
        locale={{ emptyText: <Empty description={t('reference.calendar.noDays')} /> }}
        data-testid="calendar-days"
      />
      {dialog && (
        <DayModal
          dialog={dialog}
          defaultYear={year}
          onDone={(saved) => {
            setDialog(null);
            if (saved) {
              const savedYear = Number(saved.slice(0, 4));
              if (savedYear !== year) setYear(savedYear);
              else days.reload();
              judgedDays.reload();
            }
          }}
        />
      )}
    </Card>
  );
}

interface DayValues {
  date: Dayjs | null;
  kind: CalendarDayKind;
  name: string;
  source: string;
}

function DayModal({ dialog, defaultYear, onDone }: { dialog: DayDialog; defaultYear: number; onDone: (savedDate: string | null) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<DayValues>();
  const savedDate = useRef<string | null>(null);
  const { save, modalProps } = useSaveDialog(() => onDone(savedDate.current));
  const editing = dialog.kind === 'edit' ? dialog.day : null;

  const submit = (values: DayValues) =>
    save(async () => {
      const date = values.date!.format('YYYY-MM-DD');
      await putCalendarDay(date, { kind: values.kind, name: values.name.trim(), source: values.source.trim() });
      void message.success(t('reference.saved'));
      savedDate.current = date;
    });

  return (
    <FormModal
      {...modalProps}
      width={520}
      title={editing ? t('reference.calendar.dayEditTitle', { date: editing.date }) : t('reference.calendar.dayAddTitle')}
      okText={t('common.save')}
      form={form}
    >
      <Form<DayValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          editing
            ? { date: dayjs(editing.date), kind: editing.kind, name: editing.name, source: editing.source }
            : { date: null, kind: 'holiday', name: '', source: '' }
        }
        data-testid="calendar-day-form"
      >
        <Form.Item name="date" label={t('reference.calendar.date')} rules={[{ required: true, message: t('reference.calendar.v.date') }]}>
          <DatePicker
            disabled={editing !== null}
            style={{ width: 200 }}
            defaultPickerValue={dayjs(`${defaultYear}-01-01`)}
            format="YYYY-MM-DD"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('reference.calendar.col.kind')}>
          <Radio.Group
            optionType="button"
            options={(['holiday', 'workday'] as const).map((kind) => ({ value: kind, label: t(`reference.calendar.kind.${kind}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('reference.calendar.name')}
          rules={requiredTextRules(t, CALENDAR_DAY_NAME_MAX)}
        >
          <Input placeholder={t('reference.calendar.namePlaceholder')} maxLength={CALENDAR_DAY_NAME_MAX} />
        </Form.Item>
        <SourceField placeholder={t('reference.calendar.sourcePlaceholder')} />
      </Form>
    </FormModal>
  );
}
