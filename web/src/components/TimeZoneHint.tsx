import { ClockCircleOutlined } from '@ant-design/icons';
import { Tooltip, Typography } from 'antd';
import { useLocale, useT } from '../i18n';
import { browserTimeZone, sameWallClock, timeZoneDisplayName, useDisplayTimeZone } from '../time-zone';

/**
 * Says, once in the header, which zone the times are in — only when it is not the zone of this
 * computer, where a reader could otherwise take 09:00 for their own 09:00.
 */
export function TimeZoneHint() {
  const t = useT();
  const { locale } = useLocale();
  const zone = useDisplayTimeZone();
  const browser = browserTimeZone();
  if (sameWallClock(zone, browser)) return null;
  const name = timeZoneDisplayName(zone, locale);
  return (
    <Tooltip title={t('layout.timeZone.tooltip', { zone, name, browser })}>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid="company-time-zone" data-zone={zone}>
        <ClockCircleOutlined style={{ marginInlineEnd: 4 }} />
        {t('layout.timeZone', { name })}
      </Typography.Text>
    </Tooltip>
  );
}
