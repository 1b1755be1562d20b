/**
 * Wrong last-4 guesses on the public pages (docs/product.md §1: names, phones and addresses only after
 * the phone check), counted in the database so that every server process, and one restarted, sees
 * the same counts (issue 14, defect 13).
 *
 * Two counts, each for an hour from its first guess: per waybill as typed, known or not (so the
 * 10,000 combinations cannot be walked from many addresses, and the count says nothing about
 * whether the waybill exists), and per client address (so one address cannot try the same digits
 * against many waybills: 20 waybills a request would otherwise be 100 guesses an hour). Past
 * either limit the check is locked, right digits included, until that hour ends.
 *
 * A guess is counted before it is compared, in one statement (`insert … on conflict do update …
 * returning`), so guesses arriving at once through several processes cannot all slip under the
 * limit; a guess that was not a wrong one (right digits, or not checked because locked) is given
 * back afterwards. Rows whose hour is over are deleted by the hourly cleanup job.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { clientKey } from '../../domain/client-address.js';

export interface PhoneCheckLimits {
  /** wrong guesses per waybill in a window */
  perWaybill: number;
  /** wrong guesses per client address in a window */
  perClient: number;
  windowMs: number;
}

export const PHONE_CHECK_LIMITS: PhoneCheckLimits = { perWaybill: 5, perClient: 20, windowMs: 3_600_000 };

/** A count after this request's guesses were added. */
export interface Counted {
  guesses: number;
  windowStart: Date;
}

/**
 * Which of the request's guesses may be compared, given the counts they were added to: null for
 * each that may, else the instant its check opens again. The client's count took all `n` guesses
 * of the request; those in order up to the client's limit may be compared.
 */
export function lockedUntil(limits: PhoneCheckLimits, waybills: Counted[], client: Counted): (Date | null)[] {
  const clientRoom = limits.perClient - (client.guesses - waybills.length);
  const end = (c: Counted) => c.windowStart.getTime() + limits.windowMs;
  return waybills.map((waybill, i) => {
    const blocked = [...(waybill.guesses > limits.perWaybill ? [end(waybill)] : []), ...(i >= clientRoom ? [end(client)] : [])];
    return blocked.length ? new Date(Math.max(...blocked)) : null;
  });
}

/** The counts, shared by all processes through the database. */
export class PhoneCheckStore {
  constructor(
    private readonly db: Kysely<DB>,
    readonly limits: PhoneCheckLimits = PHONE_CHECK_LIMITS,
  ) {}

  /** The guard for one caller's request. */
  forClient(address: string): PhoneCheckGuard {
    return new PhoneCheckGuard(this.db, this.limits, clientKey(address));
  }

  /** Deletes counts whose window is over (hourly cleanup). */
  async purge(now: Date): Promise<void> {
    await this.db.deleteFrom('phone_check_counts').where('window_start', '<=', new Date(now.getTime() - this.limits.windowMs)).execute();
  }
}

type Key = { scope: 'waybill' | 'client'; subject: string; n: number };

export class PhoneCheckGuard {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly limits: PhoneCheckLimits,
    private readonly client: string,
  ) {}

  /**
   * Counts one guess on each waybill (distinct) and as many on the client; answers, per waybill,
   * null when the guess may be compared or the instant its check opens again.
   */
  async reserve(waybillNos: string[], now: Date): Promise<(Date | null)[]> {
    const keys = this.keys(waybillNos);
    const window = this.limits.windowMs / 1000;
    // Keys in one order in every statement: two requests never wait on each other's rows crosswise.
    const { rows } = await sql<{ scope: string; subject: string; window_start: Date; guesses: number }>`
      insert into phone_check_counts as c (scope, subject, window_start, guesses)
      select r.scope, r.subject, ${now}::timestamptz, r.n
        from json_to_recordset(${JSON.stringify(keys)}::json) as r(scope text, subject text, n integer)
       order by r.scope, r.subject
      on conflict (scope, subject) do update set
        window_start = case when c.window_start <= ${now}::timestamptz - make_interval(secs => ${window}::float8)
                            then excluded.window_start else c.window_start end,
        guesses = case when c.window_start <= ${now}::timestamptz - make_interval(secs => ${window}::float8)
                       then excluded.guesses else c.guesses + excluded.guesses end
      returning scope, subject, window_start, guesses`.execute(this.db);
    const counted = (scope: string, subject: string): Counted => {
      const row = rows.find((r) => r.scope === scope && r.subject === subject)!;
      return { guesses: Number(row.guesses), windowStart: new Date(row.window_start) };
    };
    return lockedUntil(
      this.limits,
      waybillNos.map((w) => counted('waybill', w)),
      counted('client', this.client),
    );
  }

  /** Takes back the guesses that were not wrong ones: right digits, or not compared (locked). */
  async giveBack(waybillNos: string[]): Promise<void> {
    const keys = waybillNos.length ? this.keys(waybillNos) : [];
    // Run even when there is nothing to give back: the work done must not tell right from wrong.
    await sql`
      update phone_check_counts c set guesses = greatest(c.guesses - r.n, 0)
        from (select * from json_to_recordset(${JSON.stringify(keys)}::json) as r(scope text, subject text, n integer)
               order by r.scope, r.subject) r
       where c.scope = r.scope and c.subject = r.subject`.execute(this.db);
  }

  private keys(waybillNos: string[]): Key[] {
    return [
      { scope: 'client', subject: this.client, n: waybillNos.length },
      ...waybillNos.map((subject) => ({ scope: 'waybill' as const, subject, n: 1 })),
    ];
  }
}
