/** Tags for tracking statuses and exception kinds, in the same colours on every page. */
import { Flex, Tag, Typography } from 'antd';
import { useT } from '../i18n';
import { exceptionKindLabel, subStatusLabel, trackingStatusLabel } from '../labels';

const STATUS_COLORS: Record<string, string> = {
  ordered: 'default',
  picked_up: 'blue',
  in_transit: 'processing',
  customs: 'purple',
  out_for_delivery: 'cyan',
  awaiting_pickup: 'gold',
  delivered: 'success',
  failed_attempt: 'orange',
  refused: 'volcano',
  returned: 'magenta',
  cancelled: 'default',
  damaged: 'error',
  stalled: 'warning',
};

// Lost and delayed parcels are what customers call about: red; the rest warn.
const EXCEPTION_COLORS: Record<string, string> = {
  lost: 'red',
  delayed: 'volcano',
  damaged: 'red',
};

export function statusColor(status: string | null): string {
  return (status && STATUS_COLORS[status]) || 'default';
}

export function StatusTag({ status }: { status: string }) {
  const t = useT();
  return (
    <Tag color={statusColor(status)} style={{ marginInlineEnd: 0 }} data-status={status}>
      {trackingStatusLabel(t, status)}
    </Tag>
  );
}

/** Status tag with the sub-status as secondary text beside it (本人签收, 驿站签收 …). */
export function StatusWithSub({ status, subStatus }: { status: string; subStatus: string | null }) {
  const sub = useSubStatusText(status, subStatus);
  return (
    <Flex gap={6} align="center" wrap>
      <StatusTag status={status} />
      {sub && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {sub}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The sub-status in words, or null when it would only repeat the status (已揽收 · 已揽收). */
export function useSubStatusText(status: string, subStatus: string | null): string | null {
  const t = useT();
  if (!subStatus) return null;
  const text = subStatusLabel(t, status, subStatus);
  return text === trackingStatusLabel(t, status) ? null : text;
}

export function ExceptionTag({ kind, cleared = false }: { kind: string; cleared?: boolean }) {
  const t = useT();
  return (
    <Tag color={cleared ? 'default' : (EXCEPTION_COLORS[kind] ?? 'orange')} style={{ marginInlineEnd: 0 }}>
      {exceptionKindLabel(t, kind)}
    </Tag>
  );
}

export function ExceptionTags({ kinds }: { kinds: readonly string[] }) {
  const t = useT();
  if (kinds.length === 0) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Flex gap={4} wrap>
      {kinds.map((kind) => (
        <ExceptionTag key={kind} kind={kind} />
      ))}
    </Flex>
  );
}
