import { describe, expect, it } from 'vitest';
import { EXCEPTION_KINDS } from '../tracking/exceptions.js';
import { localTime, renderExceptionNotice } from './templates.js';

describe('exception notices', () => {
  it.each(EXCEPTION_KINDS)('%s reads in both languages with the waybill filled in', (kind) => {
    const values = { waybillNo: 'PD1234567890', promised: '2026-11-22 18:00', since: '2026-11-20 09:00', site: '张江驿站' };
    const zh = renderExceptionNotice(kind, 'zh-CN', values);
    const en = renderExceptionNotice(kind, 'en-US', values);
    expect(zh).toContain('PD1234567890');
    expect(en).toContain('PD1234567890');
    expect(zh).toMatch(/^【ParcelDesk快递】/);
    expect(`${zh}${en}`).not.toMatch(/\{\w+\}/);
    // The English text is English, apart from a Chinese station name it quotes.
    expect(en.replace(values.site, '')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('says unknown instead of leaving a placeholder', () => {
    expect(renderExceptionNotice('delayed', 'zh-CN', { waybillNo: 'X1' })).toContain('（未知）');
  });

  it('shows times in the company time zone', () => {
    expect(localTime(new Date('2026-11-22T10:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-22 18:00');
  });
});
