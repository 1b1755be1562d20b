import { describe, expect, it } from 'vitest';
import { periodStarts, type Grain } from './periods.js';

describe('periodStarts', () => {
  const rows: [string, string, Grain, string[]][] = [
    ['2026-03-01', '2026-03-03', 'day', ['2026-03-01', '2026-03-02', '2026-03-03']],
    ['2026-03-05', '2026-03-05', 'day', ['2026-03-05']],
    // 2026-03-01 is a Sunday: its week began on Monday 2026-02-23
    ['2026-03-01', '2026-03-10', 'week', ['2026-02-23', '2026-03-02', '2026-03-09']],
    ['2026-12-28', '2027-01-04', 'week', ['2026-12-28', '2027-01-04']],
    ['2026-01-31', '2026-03-01', 'month', ['2026-01-01', '2026-02-01', '2026-03-01']],
    ['2024-02-28', '2024-03-01', 'day', ['2024-02-28', '2024-02-29', '2024-03-01']],
    ['2026-03-03', '2026-03-01', 'day', []],
  ];
  it.each(rows)('%s to %s by %s', (from, to, grain, expected) => {
    expect(periodStarts(from, to, grain)).toEqual(expected);
  });
});
