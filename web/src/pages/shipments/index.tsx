import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Space, Table, Tooltip, Typography, type TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { partyLine } from '../../components/PartyView';
import { ExceptionTags, StatusWithSub } from '../../components/ShipmentTags';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useT } from '../../i18n';
import { routeClassLabel } from '../../labels';
import { shipmentPath } from '../../paths';
import type { Party, ShipmentSummary } from '../../services/types';
import { searchShipments } from '../../services/shipments';
import { PAGE_SIZE_MAX } from '../../shared';
import { positiveInt, useQueryState } from '../../url-params';
import { useRemote } from '../../useRemote';

const DEFAULT_PAGE_SIZE = 20;
const PAGE_SIZES = [10, 20, 50, PAGE_SIZE_MAX];

/** Fits its column: a long name or region is cut with an ellipsis, the whole shown on hover. */
function PartyCell({ party }: { party: Party }) {
  const t = useT();
  const line = partyLine(party);
  return (
    <div>
      <Typography.Text ellipsis={{ tooltip: line }} style={{ display: 'block' }}>
        {line || <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
      </Typography.Text>
      {party.region && (
        <Typography.Text type="secondary" ellipsis={{ tooltip: party.region }} style={{ fontSize: 12, display: 'block' }}>
          {party.region}
        </Typography.Text>
      )}
    </div>
  );
}

/**
 * Column widths; the latest event takes what is left (at least LAST_EVENT_MIN). Narrower than all
 * of them the table scrolls sideways, the waybill kept on the left and open exceptions on the right.
 */
const WIDTHS = { waybill: 150, status: 130, routeClass: 100, party: 145, promisedAt: 130, exceptions: 116 };
const LAST_EVENT_MIN = 160;
const TABLE_MIN_WIDTH = Object.values(WIDTHS).reduce((sum, w) => sum + w, 0) + WIDTHS.party + LAST_EVENT_MIN;

/** Shipments & tracking: find a parcel by waybill, phone or name; a click opens its detail. */
export default function ShipmentsPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params, setQuery] = useQueryState(DEFAULT_PAGE_SIZE);
  const q = params.get('q') ?? '';
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE, PAGE_SIZE_MAX);
  const [search, setSearch] = useState(q);
  useDocumentTitle(t('shipments.title'));

  useEffect(() => setSearch(q), [q]);

  const shipments = useRemote(
    (signal) => searchShipments({ q: q || undefined, page, pageSize }, signal),
    [q, page, pageSize],
  );

  const columns: TableProps<ShipmentSummary>['columns'] = [
    {
      title: t('shipments.col.waybill'),
      dataIndex: 'waybillNo',
      width: WIDTHS.waybill,
      fixed: 'left',
      render: (waybillNo: string) => (
        <Link to={shipmentPath(waybillNo)} onClick={(event) => event.stopPropagation()}>
          <strong>{waybillNo}</strong>
        </Link>
      ),
    },
    {
      title: t('shipments.col.status'),
      dataIndex: 'status',
      width: WIDTHS.status,
      render: (status: string, s) => <StatusWithSub status={status} subStatus={s.subStatus} />,
    },
    {
      title: t('shipments.col.routeClass'),
      dataIndex: 'routeClass',
      width: WIDTHS.routeClass,
      render: (routeClass: string | null) => routeClassLabel(t, routeClass),
    },
    { title: t('shipments.col.sender'), key: 'sender', width: WIDTHS.party, render: (_, s) => <PartyCell party={s.sender} /> },
    { title: t('shipments.col.recipient'), key: 'recipient', width: WIDTHS.party, render: (_, s) => <PartyCell party={s.recipient} /> },
    {
      title: t('shipments.col.promisedAt'),
      dataIndex: 'promisedAt',
      width: WIDTHS.promisedAt,
      render: (at: string | null) =>
        at ? formatDateTime(at).slice(0, 16) : <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
    },
    {
      title: t('shipments.col.lastEvent'),
      key: 'lastEvent',
      render: (_, s) =>
        s.lastEventTime || s.lastEventText ? (
          <div>
            <Typography.Paragraph ellipsis={{ rows: 2, tooltip: s.lastEventText }} style={{ marginBottom: 0 }}>
              {s.lastEventText}
            </Typography.Paragraph>
            <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: 'block' }}>
              {[formatDateTime(s.lastEventTime).slice(0, 16), s.lastSite].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
        ) : (
          <Typography.Text type="secondary">{t('shipments.noEvents')}</Typography.Text>
        ),
    },
    {
      title: t('shipments.col.openExceptions'),
      dataIndex: 'openExceptions',
      width: WIDTHS.exceptions,
      fixed: 'right',
      render: (kinds: string[]) => <ExceptionTags kinds={kinds} />,
    },
  ];

  return (
    <>
      <PageHeader title={t('shipments.title')} subtitle={t('shipments.subtitle')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          {/* A plain input (not Input.Search) so the test id sits on the <input> itself. */}
          <Space.Compact style={{ width: 420, maxWidth: '100%' }}>
            <Input
              allowClear
              value={search}
              onChange={(event) => {
                setSearch(event.target.value);
                // An emptied box shows every shipment again, as a search for nothing would.
                if (event.target.value === '' && q) setQuery({ q: undefined, page: 1 });
              }}
              onPressEnter={() => setQuery({ q: search.trim(), page: 1 })}
              placeholder={t('shipments.searchPlaceholder')}
              prefix={<SearchOutlined />}
              aria-label={t('shipments.searchPlaceholder')}
              data-testid="shipment-search"
            />
            <Button
              type="primary"
              onClick={() => setQuery({ q: search.trim(), page: 1 })}
              data-testid="shipment-search-submit"
            >
              {t('common.search')}
            </Button>
          </Space.Compact>
          <Tooltip title={t('common.reload')}>
            <Button icon={<ReloadOutlined />} onClick={shipments.reload} aria-label={t('common.reload')} />
          </Tooltip>
        </Flex>
        <div data-testid="shipment-results">
          <Table<ShipmentSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={shipments.data?.items ?? []}
            loading={shipments.loading}
            scroll={{ x: TABLE_MIN_WIDTH }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={q ? t('shipments.noMatch', { q }) : t('shipments.none')}
                />
              ),
            }}
            onRow={(s) => ({
              onClick: () => void navigate(shipmentPath(s.waybillNo)),
              style: { cursor: 'pointer' },
              'data-waybill': s.waybillNo,
            })}
            pagination={{
              current: page,
              pageSize,
              total: shipments.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: (total) => t('common.total', { total }),
            }}
            onChange={(pagination) =>
              setQuery({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? DEFAULT_PAGE_SIZE })
            }
          />
        </div>
      </Card>
    </>
  );
}
