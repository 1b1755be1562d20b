/** Live durations: a clock that ticks, and a span worded to the second (for deadlines on boards). */
import { useEffect, useState } from 'react';
import type { Translate } from './i18n';

/** The current time, updated every `intervalMs` while the component is mounted. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "2 天 3 小时 5 分", "3 小时 5 分 12 秒", "5 分 12 秒", "12 秒": seconds while they still matter. */
export function formatSpan(t: Translate, ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) return t('countdown.days', { days, hours, minutes });
  if (hours > 0) return t('countdown.hours', { hours, minutes, seconds });
  if (minutes > 0) return t('countdown.minutes', { minutes, seconds });
  return t('countdown.seconds', { seconds });
}
