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
  ])('refuses $env with a message naming the variable', ({ env, message }) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
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
