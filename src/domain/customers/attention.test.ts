import { describe, expect, it } from 'vitest';
import { attentionScore, byAttention, type AccountHealth } from './attention.js';

const calm: AccountHealth = {
  daysOverdue: null,
  openComplaints: 0,
  onTimeRate30: 0.98,
  onTimeRatePrev30: 0.98,
  delivered30: 100,
  deliveredPrev30: 100,
  complaintsPer1000_30: 0,
  daysToNextCallback: 20,
  daysSinceContact: 3,
};

describe('attention score', () => {
  it.each([
    ['a calm account', {}, 0],
    ['overdue 3 days', { daysOverdue: 3, daysToNextCallback: -3 }, 1030],
    ['overdue 90 days counts 30', { daysOverdue: 90, daysToNextCallback: -90 }, 1300],
    ['two open complaints', { openComplaints: 2 }, 200],
    ['on-time rate fell 10 points', { onTimeRate30: 0.88 }, 50],
    ['a fall on too few deliveries is not a trend', { onTimeRate30: 0.5, delivered30: 4 }, 0],
    ['a rising rate adds nothing', { onTimeRate30: 1 }, 0],
    ['12 complaints per 1,000 parcels', { complaintsPer1000_30: 12 }, 12],
    ['callback due in 5 days', { daysToNextCallback: 5 }, 20],
    ['no contact for 45 days', { daysSinceContact: 45 }, 10],
    ['never contacted', { daysSinceContact: null }, 10],
  ] as const)('%s', (_name, change, expected) => {
    expect(attentionScore({ ...calm, ...change })).toBe(expected);
  });

  it('an overdue callback comes before any number of complaints under 10', () => {
    expect(attentionScore({ ...calm, daysOverdue: 1 })).toBeGreaterThan(attentionScore({ ...calm, openComplaints: 9, complaintsPer1000_30: 50 }));
  });

  it('ties go to the nearer callback, then the name', () => {
    const rows = [
      { name: '乙', score: 10, daysToNextCallback: 9 },
      { name: '甲', score: 10, daysToNextCallback: 9 },
      { name: '丙', score: 10, daysToNextCallback: 2 },
      { name: '丁', score: 30, daysToNextCallback: null },
    ];
    expect(rows.sort(byAttention).map((r) => r.name)).toEqual(['丁', '丙', '甲', '乙']);
  });
});
