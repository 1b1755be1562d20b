import { ClockCircleOutlined } from '@ant-design/icons';
import { Tooltip, Typography } from 'antd';
import { useLocale, useT } from '../i18n';
import { browserTimeZone, sameWallClock, timeZoneDisplayName, useDisplayTimeZone } from '../time-zone';

/**
 * Says which zone the times are in — only when it is not the zone of this computer, where a
 * reader could otherwise take 09:00 for their own 09:00. The console's header uses the signed-in
 * company's zone; the public pages, which have no session, pass the zone their answer carried.
 */
export function TimeZoneHint({ zone: given }: { zone?: string } = {}) {
  const t = useT();
  const { locale } = useLocale();
  const companyZone = useDisplayTimeZone();
  const zone = given ?? companyZone;
  const browser = browserTimeZone();
  if (sameWallClock(zone, browser)) return null;
  const name = timeZoneDisplayName(zone, locale);
  return (
    <Tooltip title={t(given ? 'track.timeZone.tooltip' : 'layout.timeZone.tooltip', { zone, name, browser })}>
      <Typography.Text
        type="secondary"
        style={{ fontSize: 12, whiteSpace: 'nowrap' }}
        data-testid={given ? 'public-time-zone' : 'company-time-zone'}
        data-zone={zone}
      >
        <ClockCircleOutlined style={{ marginInlineEnd: 4 }} />
        {t('layout.timeZone', { name })}
      </Typography.Text>
    </Tooltip>
  );
}
