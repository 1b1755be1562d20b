import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, type ErrorCode } from '../domain/errors.js';
import { localeFrom } from './locale.js';
import { ERROR_MESSAGES, errorMessage } from './messages.js';

describe('caller language', () => {
  it.each([
    { header: undefined, locale: 'zh-CN' },
    { header: '', locale: 'zh-CN' },
    { header: 'en-US', locale: 'en-US' },
    { header: 'en', locale: 'en-US' },
    { header: 'EN-gb', locale: 'en-US' },
    { header: 'zh-CN,zh;q=0.9,en;q=0.8', locale: 'zh-CN' },
    { header: 'en-US,en;q=0.9,zh-CN;q=0.8', locale: 'en-US' },
    { header: 'zh;q=0.5, en;q=0.9', locale: 'en-US' },
    { header: 'fr-FR, en;q=0.5', locale: 'en-US' },
    { header: 'fr-FR, de', locale: 'zh-CN' },
    { header: 'en;q=0', locale: 'zh-CN' },
    { header: 'zh-TW', locale: 'zh-CN' },
    { header: ';;;garbage', locale: 'zh-CN' },
  ])('Accept-Language "$header" → $locale', ({ header, locale }) => {
    expect(localeFrom(header)).toBe(locale);
  });
});

describe('error messages', () => {
  const codes = Object.keys(ERROR_STATUS) as ErrorCode[];
  it.each(codes)('%s reads in both languages', (code) => {
    expect(ERROR_MESSAGES[code]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(ERROR_MESSAGES[code]['en-US']).toMatch(/^[\x20-\x7e≥≤“”]+$/);
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(errorMessage('USER_USERNAME_TAKEN', 'en-US', { username: 'agent01' })).toBe('The username "agent01" is already taken.');
    expect(errorMessage('RATE_LIMITED', 'zh-CN', { seconds: 30 })).toBe('请求过于频繁，请 30 秒后再试。');
    expect(errorMessage('RATE_LIMITED', 'en-US')).toContain('{seconds}');
  });
});
