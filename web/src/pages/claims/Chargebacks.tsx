/**
 * Chargebacks (追偿清单) for supervisors: a month in the company's time zone and, optionally, one
 * station; per station the number of entries and the total in yuan (a reversal counts against it),
 * then every entry with its claim, waybill, amount, reason, time and who entered it. The download
 * is the server's XLSX of the same month and station. Month and station live in the address.
 */
import { FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Select, Space, Table, Tooltip, Typography, type TableProps } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { useLocale, useT, type Locale } from '../../i18n';
import { claimPath } from '../../paths';
import { chargebacksXlsxUrl, listChargebacks, type ChargebackEntry, type ChargebackQuery, type StationChargebacks } from '../../services/claims';
import { useDisplayTimeZone } from '../../time-zone';
import { useRemote } from '../../useRemote';
import { claimTypeLabel, formatYuan, ledgerKindLabel } from './labels';

const MONTHS_SHOWN = 24;

/** This month and the 23 before it, newest first, as YYYY-MM in `timeZone`. */
export function recentMonths(timeZone: string, now = new Date(), count = MONTHS_SHOWN): string[] {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(now);
  const year = Number(parts.find((p) => p.type === 'year')!.value);
  const month = Number(parts.find((p) => p.type === 'month')!.value);
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(year, month - 1 - i, 1)).toISOString().slice(0, 7));
}

/** "2026年12月" / "December 2026". */
function monthLabel(month: string, locale: Locale): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(Date.UTC(y!, m! - 1, 1));
}

/** A reversal counts against the station, as in its total. */
const signedFen = (e: ChargebackEntry) => (e.kind === 'reversal' ? -e.amountFen : e.amountFen);
const signedYuan = (fen: number) => (fen < 0 ? `−${formatYuan(-fen)}` : formatYuan(fen));

type Row = ChargebackEntry & { station: string };

export function ChargebacksTab() {
  const t = useT();
  const { locale } = useLocale();
  const zone = useDisplayTimeZone();
  const months = useMemo(() => recentMonths(zone), [zone]);
  const [params, setParams] = useSearchParams();
  const asked = params.get('month');
  const month = asked && /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : months[0]!;
  const station = params.get('station') || undefined;
  const query: ChargebackQuery = { month, station };
  const set = (next: { month?: string; station?: string | undefined }) => {
    const merged = { month, station, ...next };
    setParams({ tab: 'chargebacks', month: merged.month, ...(merged.station ? { station: merged.station } : {}) });
  };

  // Every station of the month for the picker; the table shows the server's answer for the filters.
  const all = useRemote((signal) => listChargebacks({ month }, signal), [month]);
  const shown = useRemote((signal) => (station ? listChargebacks(query, signal) : Promise.resolve(null)), [month, station]);
  const stations: StationChargebacks[] = (station ? shown.data?.stations : all.data?.stations) ?? [];
  const loading = all.loading || (Boolean(station) && shown.loading);
  const stationNames = (all.data?.stations ?? []).map((s) => s.station);
  if (station && !stationNames.includes(station)) stationNames.push(station);
  const rows: Row[] = stations.flatMap((s) => s.entries.map((e) => ({ ...e, station: s.station })));
  const grandFen = stations.reduce((sum, s) => sum + s.totalFen, 0);
  const reload = () => {
    all.reload();
    if (station) shown.reload();
  };

  const perStation: TableProps<StationChargebacks>['columns'] = [
    {
      title: t('claims.col.station'),
      dataIndex: 'station',
      render: (s: string) => (
        <Typography.Link onClick={() => set({ station: s })} data-testid="chargebacks-station">
          {s}
        </Typography.Link>
      ),
    },
    { title: t('claims.chargebacks.count'), key: 'count', align: 'right', width: 120, render: (_, s) => s.entries.length },
    {
      title: t('claims.chargebacks.total'),
      dataIndex: 'totalFen',
      align: 'right',
      width: 180,
      render: (fen: number) => <span data-testid="chargebacks-station-total">{signedYuan(fen)}</span>,
    },
  ];

  // With one station picked, every row is that station's: its column would only repeat it.
  const entryColumns: TableProps<Row>['columns'] = [
    ...(station ? [] : [{ title: t('claims.col.station'), dataIndex: 'station', width: 150 }]),
    {
      title: t('claims.chargebacks.claim'),
      dataIndex: 'claimId',
      width: 120,
      render: (id: string, e) => (
        <Link to={claimPath(id)} data-testid="chargeback-claim-link">
          {t('claims.chargebacks.claimOf', { type: claimTypeLabel(e.type, locale) })}
        </Link>
      ),
    },
    { title: t('claims.col.waybill'), dataIndex: 'waybillNo', width: 140 },
    {
      title: t('claims.ledger.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (k: string) => ledgerKindLabel(k, locale),
    },
    {
      title: t('claims.ledger.amount'),
      key: 'amount',
      align: 'right',
      width: 130,
      render: (_, e) => <span data-testid="chargeback-amount">{signedYuan(signedFen(e))}</span>,
    },
    { title: t('claims.chargebacks.reason'), dataIndex: 'reference' },
    { title: t('claims.ledger.at'), dataIndex: 'createdAt', width: 170, render: (at: string) => formatDateTime(at) },
    { title: t('claims.chargebacks.by'), dataIndex: 'createdBy', width: 110, render: (by: string | null) => by ?? t('common.none') },
  ];

  return (
    <Flex vertical gap={16} data-testid="claims-chargebacks">
      <Card>
        <Flex gap={12} wrap align="center" justify="space-between">
          <Space wrap>
            <Select
              style={{ width: 160 }}
              value={month}
              onChange={(m: string) => set({ month: m, station: undefined })}
              options={months.map((m) => ({ value: m, label: monthLabel(m, locale) }))}
              aria-label={t('claims.chargebacks.month')}
              data-testid="chargebacks-month"
            />
            <Select
              allowClear
              showSearch
              style={{ width: 220 }}
              placeholder={t('claims.chargebacks.allStations')}
              value={station}
              onChange={(s: string | undefined) => set({ station: s })}
              options={stationNames.map((s) => ({ value: s, label: s }))}
              aria-label={t('claims.col.station')}
              data-testid="chargebacks-station-filter"
            />
            <Tooltip title={t('common.reload')}>
              <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.reload')} />
            </Tooltip>
          </Space>
          <Button
            type="primary"
            icon={<FileExcelOutlined />}
            href={chargebacksXlsxUrl(query)}
            download
            disabled={!loading && rows.length === 0}
            data-testid="chargebacks-xlsx"
          >
            {t('claims.chargebacks.download')}
          </Button>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          {t('claims.chargebacks.note')}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t('claims.chargebacks.perStation', { month: monthLabel(month, locale) })}>
        <div data-testid="chargebacks-stations">
          <Table<StationChargebacks>
            rowKey="station"
            size="middle"
            columns={perStation}
            dataSource={stations}
            loading={loading}
            pagination={false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('claims.chargebacks.none')} /> }}
            summary={() =>
              stations.length > 1 ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>{t('claims.chargebacks.grandTotal')}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {rows.length}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <Typography.Text strong>{signedYuan(grandFen)}</Typography.Text>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
          />
        </div>
      </Card>
      <Card size="small" title={t('claims.chargebacks.entries')}>
        <div data-testid="chargebacks-entries">
          <Table<Row>
            rowKey="id"
            size="middle"
            columns={entryColumns}
            dataSource={rows}
            loading={loading}
            scroll={{ x: station ? 1000 : 1150 }}
            pagination={rows.length > 50 ? { pageSize: 50 } : false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('claims.chargebacks.none')} /> }}
          />
        </div>
      </Card>
    </Flex>
  );
}
