import { ClockCircleOutlined } from '@ant-design/icons';
import { Tooltip, Typography } from 'antd';
import { useLocale, useT } from '../../i18n';
import { browserTimeZone, sameWallClock, timeZoneDisplayName } from '../../time-zone';

/**
 * The public pages' version of the console's time-zone hint (components/TimeZoneHint): which zone
 * the times are in, shown only when it is not the zone of this device, where a customer could
 * otherwise take 12:52 for their own 12:52. The zone comes with the answer, not from a session.
 */
export function TimeZoneNote({ zone }: { zone: string }) {
  const t = useT();
  const { locale } = useLocale();
  const browser = browserTimeZone();
  if (sameWallClock(zone, browser)) return null;
  const name = timeZoneDisplayName(zone, locale);
  return (
    <Tooltip title={t('track.timeZone.tooltip', { zone, name, browser })}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="public-time-zone" data-zone={zone}>
        <ClockCircleOutlined style={{ marginInlineEnd: 4 }} />
        {t('layout.timeZone', { name })}
      </Typography.Text>
    </Tooltip>
  );
}
