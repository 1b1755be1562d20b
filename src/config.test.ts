import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults: embedded database, port 3000, Asia/Shanghai', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: null, seedDemo: true, timeZone: 'Asia/Shanghai' });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it.each([
    { env: { PORT: 'eighty' }, message: /PORT/ },
    { env: { PORT: '70000' }, message: /PORT/ },
    { env: { DATABASE_URL: 'mysql://x' }, message: /DATABASE_URL/ },
    { env: { SEED_DEMO: 'maybe' }, message: /SEED_DEMO/ },
    { env: { TZ_COMPANY: 'Mars/Olympus' }, message: /TZ_COMPANY/ },
    { env: { BODY_LIMIT_BYTES: '10' }, message: /BODY_LIMIT_BYTES/ },
    { env: { SMTP_URL: 'http://mail.example.com', SMTP_FROM: 'a@example.com' }, message: /SMTP_URL/ },
    { env: { SMTP_URL: 'smtp://mail.example.com' }, message: /SMTP_FROM/ },
    { env: { SMTP_FROM: 'service@example.com' }, message: /SMTP_URL is not/ },
    { env: { SMTP_URL: 'smtp://mail.example.com', SMTP_FROM: 'no address' }, message: /SMTP_FROM/ },
  ])('refuses $env with a message naming the variable', ({ env, message }) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('records e-mail without SMTP, and sends through it with both SMTP variables', () => {
    expect(loadConfig({}).smtp).toBeNull();
    expect(loadConfig({ SMTP_URL: 'smtps://user:pass@smtp.example.com:465', SMTP_FROM: '捷达速运客服中心 <service@example.com>' }).smtp).toEqual({
      url: 'smtps://user:pass@smtp.example.com:465',
      from: '捷达速运客服中心 <service@example.com>',
    });
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', SMTP_FROM: 'service@example.com' }).smtp?.from).toBe('service@example.com');
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@h/db',
      SEED_DEMO: 'false',
      COOKIE_SECURE: 'true',
      SESSION_TTL_HOURS: '8',
      SIGNIN_MAX_FAILURES: '3',
      SIGNIN_LOCK_MINUTES: '30',
      TZ_COMPANY: 'Asia/Hong_Kong',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u@h/db',
      seedDemo: false,
      secureCookies: true,
      sessionTtlHours: 8,
      maxFailedSignIns: 3,
      lockMinutes: 30,
      timeZone: 'Asia/Hong_Kong',
    });
  });
});
