import { describe, expect, it } from 'vitest';
import enUS from './i18n/en-US';
import zhCN from './i18n/zh-CN';
import { KNOWN_AUDIT_ACTIONS } from './labels';

// The server's sources as text (Vite reads them at test time): what it records is what the log shows.
const SERVER_SOURCES = import.meta.glob<string>(['../../src/**/*.ts', '!../../src/**/*.test.ts'], { query: '?raw', import: 'default', eager: true });

/** Every audit action the server's code records (`action: '…'`, or `record(trx, '…'` in sign-in). */
function recordedActions(): string[] {
  const found = new Set<string>();
  for (const text of Object.values(SERVER_SOURCES)) {
    for (const m of text.matchAll(/\baction: '([a-z_]+\.[a-z_]+)'/g)) found.add(m[1]!);
    for (const m of text.matchAll(/\brecord\(trx, '([a-z_]+\.[a-z_]+)'/g)) found.add(m[1]!);
  }
  return [...found].sort();
}

describe('audit log labels', () => {
  const actions = recordedActions();

  it('finds the actions the server records', () => {
    expect(actions).toEqual(expect.arrayContaining(['auth.sign_in_failed', 'ticket.customer_reveal', 'sla_policy.change', 'shipment.reveal']));
  });

  it.each(actions)('%s is offered in the filter and named in both languages', (action) => {
    expect(KNOWN_AUDIT_ACTIONS).toContain(action);
    for (const [locale, messages] of [['zh-CN', zhCN], ['en-US', enUS]] as const) {
      expect((messages as Record<string, string>)[`auditAction.${action}`], `${locale} auditAction.${action}`).toBeTruthy();
    }
  });
});
