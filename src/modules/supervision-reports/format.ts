/**
 * How a supervision report writes its numbers in Chinese (PDF, XLSX, e-mail alike): a KPI's value
 * in its unit, a change with its sign, a standing.
 */
import type { KpiLine } from './gather.js';

const fixed = (n: number, digits: number) => new Intl.NumberFormat('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);

export function kpiValueText(unit: KpiLine['unit'], value: number | null): string {
  if (value === null) return '—';
  switch (unit) {
    case 'percent':
      return `${fixed(value, 2)}%`;
    case 'per_million':
      return `${fixed(value, 1)} 件/百万件`;
    case 'minutes':
      return value >= 120 ? `${fixed(value / 60, 1)} 小时` : `${fixed(value, 0)} 分钟`;
    case 'fen':
      return `¥${fixed(value / 100, 2)}`;
    case 'fen_per_10k':
      return `¥${fixed(value / 100, 2)}/万件`;
    default:
      return fixed(value, 1);
  }
}

/** The change in the KPI's unit: percentage points for a rate. */
export function deltaText(unit: KpiLine['unit'], delta: number | null): string {
  if (delta === null) return '—';
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const size = Math.abs(delta);
  switch (unit) {
    case 'percent':
      return `${sign}${fixed(size, 2)} 个百分点`;
    case 'per_million':
      return `${sign}${fixed(size, 1)}`;
    case 'minutes':
      return size >= 120 ? `${sign}${fixed(size / 60, 1)} 小时` : `${sign}${fixed(size, 0)} 分钟`;
    case 'fen':
    case 'fen_per_10k':
      return `${sign}¥${fixed(size / 100, 2)}`;
    default:
      return `${sign}${fixed(size, 1)}`;
  }
}

export function targetText(line: KpiLine): string {
  if (!line.target) return '无目标';
  return `${line.target.direction === 'higher' ? '≥' : '≤'} ${kpiValueText(line.unit, line.target.value)}`;
}

export const STANDING_TEXT: Record<KpiLine['standing'], string> = { met: '达标', missed: '未达标', no_target: '无目标', no_data: '无数据' };

export function standingText(line: KpiLine): string {
  return line.available ? STANDING_TEXT[line.standing] : '暂不可用';
}

export const REASON_TEXT = { breached: '超时限', low_rating: '差评', escalated: '升级' } as const;

export const STATUS_TEXT: Record<string, string> = {
  new: '新建',
  open: '处理中',
  pending_customer: '待客户回复',
  pending_department: '待部门回复',
  resolved: '已解决',
  closed: '已关闭',
};

export const integer = (n: number) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 }).format(n);
export const yuan = (fen: number) => `¥${fixed(fen / 100, 2)}`;
