/**
 * Public tracking (docs/product.md §1): anyone may look up to 20 waybills and see status, timeline,
 * and the parcel's story (expected by, late since, signed for, what happens next: story.ts); names, phones and addresses only after giving the last 4
 * digits of the sender's or recipient's phone.
 *
 * No enumeration: every answer has the same shape, and the work done (one query, one phone
 * comparison per waybill) does not depend on whether a waybill exists or the digits match.
 *
 * An entry that is not a waybill number at all is answered on its own (`invalid`) and the rest are
 * looked up as usual: one typo does not cost the customer the other 19. Whether an entry has the
 * form of a waybill number is known without the database, so saying so tells nothing about any
 * parcel; such an entry never reaches the query nor the phone check's count.
 */
import { noParcel } from '../../domain/tracking/no-parcel.js';
import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { WAYBILL_PATTERN } from '../../domain/limits.js';
import { lastFourDigits } from '../../domain/privacy.js';
import { statusLabel } from '../../domain/tracking/labels.js';
import { parcelStory } from '../../domain/tracking/story.js';
import { normalizeWaybillNo } from '../../domain/waybill.js';
import type { Locale } from '../../http/locale.js';
import { presentParty, presentStory } from '../shipments/presenter.js';
import type { PhoneCheckGuard } from './phone-check-guard.js';
import { trackingView } from './repository.js';

/** Whether the digits end one of the phones; every comparison runs, so the time tells nothing. */
export function digitsMatch(given: string | undefined, phones: (string | null)[]): boolean {
  const offered = Buffer.from((given ?? '----').padEnd(4, '-').slice(0, 4));
  let match = false;
  for (const phone of phones) {
    const actual = Buffer.from((lastFourDigits(phone) ?? '####').padEnd(4, '#'));
    // Both comparisons always run: no early exit to time.
    match = timingSafeEqual(offered, actual) || match;
  }
  return given !== undefined && match;
}

/** The outcome of one phone check. */
export interface PhoneCheck {
  verified: boolean;
  /**
   * Digits were given but not compared, because the waybill's check is locked (too many wrong
   * guesses): when it opens again. Null when the check was made, or no digits were given.
   */
  lockedUntil: Date | null;
}

/**
 * The phone check with its limits (phone-check-guard.ts): each guess is counted before it is
 * compared, and past a limit it is not compared, right digits included, until the lock ends. Only
 * a wrong guess stays counted: a customer may check their own parcel as often as they like, and a
 * guess made while locked was never checked (the customer is told when to come back; a lock that
 * moved with every try would make that time a lie). The same statements run whether a waybill
 * exists and whether the digits match, so neither can be timed.
 */
export async function checkPhones(
  guard: Pick<PhoneCheckGuard, 'reserve' | 'giveBack'>,
  items: { waybillNo: string; phones: (string | null)[] }[],
  given: string | undefined,
  now: Date,
): Promise<PhoneCheck[]> {
  const matched = items.map((item) => digitsMatch(given, item.phones));
  if (given === undefined || items.length === 0) return items.map(() => ({ verified: false, lockedUntil: null }));
  const locks = await guard.reserve(
    items.map((item) => item.waybillNo),
    now,
  );
  const checks = items.map((_, i): PhoneCheck => {
    const lockedUntil = locks[i] ?? null;
    return lockedUntil ? { verified: false, lockedUntil } : { verified: matched[i]!, lockedUntil: null };
  });
  await guard.giveBack(items.filter((_, i) => checks[i]!.verified || checks[i]!.lockedUntil).map((item) => item.waybillNo));
  return checks;
}

/** One waybill's phone check (self-service). */
export async function checkPhone(guard: Pick<PhoneCheckGuard, 'reserve' | 'giveBack'>, waybillNo: string, given: string | undefined, phones: (string | null)[], now: Date): Promise<PhoneCheck> {
  return (await checkPhones(guard, [{ waybillNo, phones }], given, now))[0]!;
}

const waybillPattern = new RegExp(WAYBILL_PATTERN);

/** What a result says about a locked phone check: the same for a known and an unknown waybill. */
function lockOf(check: PhoneCheck) {
  return { phoneCheckLocked: check.lockedUntil !== null, phoneCheckLockedUntil: check.lockedUntil?.toISOString() ?? null };
}

export async function trackParcels(
  db: Kysely<DB>,
  phoneChecks: PhoneCheckGuard,
  input: { waybillNos: string[]; phoneLast4?: string | undefined },
  locale: Locale,
  timeZone: string,
  now = new Date(),
) {
  const wanted = [...new Set(input.waybillNos.map(normalizeWaybillNo))];
  const wellFormed = wanted.filter((waybillNo) => waybillPattern.test(waybillNo));
  const shipments = wellFormed.length > 0 ? await trackingView(db, wellFormed) : [];
  const byWaybill = new Map(shipments.map((s) => [s.waybill_no, s]));
  const phonesOf = (waybillNo: string) => [byWaybill.get(waybillNo)?.sender_phone ?? null, byWaybill.get(waybillNo)?.recipient_phone ?? null];
  const checks = await checkPhones(
    phoneChecks,
    wellFormed.map((waybillNo) => ({ waybillNo, phones: phonesOf(waybillNo) })),
    input.phoneLast4,
    now,
  );
  const checkOf = new Map(wellFormed.map((waybillNo, i) => [waybillNo, checks[i]!]));
  return {
    // The zone the delay notice is written in, for the page to show every time in it too.
    timeZone,
    results: wanted.map((waybillNo) => {
      if (!waybillPattern.test(waybillNo)) return noParcel(waybillNo, true);
      const shipment = byWaybill.get(waybillNo);
      const check = checkOf.get(waybillNo)!;
      if (!shipment) return noParcel(waybillNo, false, lockOf(check));
      const verified = check.verified;
      // One story per parcel (story.ts): the words of the SMS, the ticket and the staff page.
      const story = parcelStory(
        {
          status: shipment.status,
          subStatus: shipment.sub_status,
          terminal: shipment.terminal,
          promisedAt: shipment.promised_at,
          completeDelayAt: shipment.complete_delay_at,
          deliveredAt: shipment.delivered_at,
          lastEventTime: shipment.last_event_time,
          lastSite: shipment.last_site,
          openExceptions: shipment.cases?.open_exceptions.map((e) => ({ kind: e.kind, since: new Date(e.since) })) ?? [],
          caseOpen: shipment.cases?.case_open ?? false,
          claimsOpen: shipment.cases?.claims_open ?? [],
        },
        now,
      );
      return {
        waybillNo,
        found: true,
        invalid: false,
        status: shipment.status,
        statusLabel: statusLabel(shipment.status, locale),
        promisedAt: shipment.promised_at?.toISOString() ?? null,
        story: presentStory(story, locale, timeZone),
        events: shipment.events.map((e) => ({
          // Stored as ISO 8601 UTC with milliseconds already (the shipment's timeline): no Date to make.
          time: e.time,
          // Carriers write their scans in Chinese; an English reader gets our words for them, and the
          // carrier's beside them: a scan may hold what its status does not say (a pickup code).
          text: locale === 'zh-CN' ? e.text : `${statusLabel(e.status, locale)}${e.site ? ` — ${e.site}` : ''}`,
          site: e.site,
          carrierText: locale === 'zh-CN' ? null : e.text,
        })),
        verified,
        ...lockOf(check),
        // Knowing 4 digits shows the parties as everyone sees them, masked (domain/privacy.ts): enough
        // to know the parcel is one's own (李*, 浙江省杭州市西湖区****), never a name or street in full.
        sender: verified ? presentParty(shipment, 'sender', false) : null,
        recipient: verified ? presentParty(shipment, 'recipient', false) : null,
      };
    }),
  };
}
