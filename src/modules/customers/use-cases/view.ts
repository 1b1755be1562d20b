import type { RequestContext } from '../../../domain/actor.js';
import { AppError } from '../../../domain/errors.js';
import { customerClaims } from '../../claims/service.js';
import { customerSurveys } from '../../surveys/service.js';
import { customerTicketHistory } from '../../tickets/service.js';
import { readable, userOf } from '../access.js';
import {
  presentActions,
  presentAddress,
  presentContact,
  presentProfile,
  presentShipment,
  presentTask,
  presentTimelineEntry,
} from '../presenter.js';
import { RFM_SEGMENT_LABELS, type RfmSegment } from '../../../domain/customers/rfm.js';
import { regionLabel, regionOf } from '../../../domain/regions/index.js';
import { tierReasonText, type TierReason } from '../../../domain/customers/tiers.js';
import { foldHabits } from '../../../domain/customers/habits.js';
import { addDays, HABIT_PERIOD_DAYS } from '../derive.js';
import { habitDaysOf, segmentsOf, tierPinOf } from '../derived-repository.js';
import { addressesOf, contactsOf, linkedShipments, linkPhones, monthlyAccountsOf, plannedCallbacksOf, tasksOfCustomer, timelineOf } from '../repository.js';
import type { Deps } from './steps.js';

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

function parseCursor(before: string | undefined): { at: string; id: string } | null {
  if (!before) return null;
  const m = CURSOR.exec(before);
  if (!m || Number.isNaN(Date.parse(m[1]!))) throw new AppError('VALIDATION_FAILED', { detail: 'before' });
  return { at: m[1]!, id: m[2]! };
}

async function shipmentPage(deps: Deps, customerId: string, before: string | undefined, pageSize: number, known?: { accounts: string[]; phones: string[] }) {
  const cursor = parseCursor(before);
  const [accounts, phones] = known
    ? [known.accounts, known.phones]
    : await Promise.all([monthlyAccountsOf(deps.db, customerId).then((rows) => rows.map((a) => a.account_no)), linkPhones(deps.db, customerId)]);
  const rows = await linkedShipments(deps.db, accounts, phones, cursor, pageSize);
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return { items: page.map(presentShipment), nextCursor: rows.length > pageSize && last ? `${last.cursor_at}_${last.id}` : null };
}

/**
 * The customer view (客户360, docs/product.md §5) in one call: profile, contacts, addresses with
 * their history, monthly accounts, the newest page of shipments, tickets, contact records and
 * callbacks (as far as the caller reads those tickets), open and done tasks, the timeline, and
 * the surveys sent to the customer with their scores (as far as the reader reads survey results).
 * The customer's claims (on their tickets and linked shipments, as far as the caller reads each claim's
 * ticket) with totals; habits, the RFM segment and the tier's reason
 * are what the nightly jobs stored (modules/customers/derive.ts), with when they were computed.
 * Personal data is masked; a merged record's id answers with the survivor.
 */
export async function customerView(deps: Deps, ctx: RequestContext, id: string) {
  const actor = userOf(ctx.actor);
  const { row, actions, redirectedFrom } = await readable(deps.db, id, actor);
  const [accounts, phones] = await Promise.all([monthlyAccountsOf(deps.db, row.id), linkPhones(deps.db, row.id)]);
  const accountNos = accounts.map((a) => a.account_no);
  const [contacts, { addresses, versions }, shipments, history, tasks, timeline, habits, segments, surveys, pin, claims, planned] = await Promise.all([
    contactsOf(deps.db, row.id),
    addressesOf(deps.db, row.id),
    shipmentPage(deps, row.id, undefined, 20, { accounts: accountNos, phones }),
    customerTicketHistory(deps, actor, row.id, phones),
    tasksOfCustomer(deps.db, row.id),
    timelineOf(deps.db, row.id),
    habitDaysOf(deps.db, row.id, HABIT_PERIOD_DAYS),
    segmentsOf(deps.db, row.id),
    customerSurveys(deps, actor, row.id),
    tierPinOf(deps.db, row.id),
    customerClaims(deps.db, actor, { customerId: row.id, accounts: accountNos, phones }),
    plannedCallbacksOf(deps.db, row.id),
  ]);
  return {
    profile: presentProfile(row),
    redirectedFrom,
    actions: presentActions(actions),
    contacts: contacts.map(presentContact),
    addresses: addresses
      .filter((a) => a.removed_at === null)
      .concat(addresses.filter((a) => a.removed_at !== null))
      .map((a) => presentAddress(a, versions.filter((v) => v.address_id === a.id))),
    monthlyAccounts: accounts.map((a) => ({ accountNo: a.account_no, openedAt: a.opened_at.toISOString() })),
    shipments,
    ...history,
    plannedCallbacks: planned.map((c) => ({
      id: c.id,
      dueDate: c.due_date,
      dueAt: new Date(c.due_at).toISOString(),
      cadence: c.cadence,
      status: c.status,
      outcome: c.outcome,
      satisfaction: c.satisfaction,
      note: c.note,
      doneAt: c.done_at ? new Date(c.done_at).toISOString() : null,
    })),
    tasks: tasks.map(presentTask),
    // A merged record's history comes along; its own 'merged into' entry would only repeat the merge.
    timeline: timeline.filter((e) => e.kind !== 'merged_into' || e.customer_id === row.id).map(presentTimelineEntry),
    claims,
    surveys,
    habits: presentHabits(habits),
    standing: presentStanding(segments, pin),
    requirements: { packagingRequirements: row.packaging_requirements, choiceFactors: row.choice_factors as ('price' | 'speed' | 'safety')[] },
  };
}

/** More of the customer's shipments, newest first, after the cursor of the page before. */
export async function customerShipments(deps: Deps, ctx: RequestContext, id: string, query: { before?: string | undefined; pageSize?: number | undefined }) {
  const actor = userOf(ctx.actor);
  const { row } = await readable(deps.db, id, actor);
  return shipmentPage(deps, row.id, query.before, query.pageSize ?? 20);
}

function presentStanding(s: Awaited<ReturnType<typeof segmentsOf>>, pin: Awaited<ReturnType<typeof tierPinOf>>) {
  const rfm =
    s && s.segment && s.last_date && s.rfm_day && s.rfm_computed_at
      ? {
          // Whole local days from the last parcel's date to the day RFM was scored (domain/customers/rfm.ts).
          recencyDays: Math.max(0, (Date.parse(`${s.rfm_day}T00:00:00Z`) - Date.parse(`${s.last_date}T00:00:00Z`)) / 86_400_000),
          frequency: s.frequency!,
          monetaryFen: Number(s.monetary_fen),
          r: s.r!,
          f: s.f!,
          m: s.m!,
          segment: s.segment,
          segmentLabel: RFM_SEGMENT_LABELS[s.segment as RfmSegment],
          computedAt: s.rfm_computed_at.toISOString(),
        }
      : null;
  const reason = s?.tier_reason ? (typeof s.tier_reason === 'string' ? (JSON.parse(s.tier_reason) as TierReason) : (s.tier_reason as unknown as TierReason)) : null;
  const tier =
    s && reason && s.tier_computed_at
      ? {
          reason: reason as unknown as Record<string, unknown>,
          text: { 'zh-CN': tierReasonText(reason, 'zh-CN'), 'en-US': tierReasonText(reason, 'en-US') },
          policyVersion: s.tier_policy_version!,
          computedAt: s.tier_computed_at.toISOString(),
        }
      : null;
  return {
    pin: pin ? { tier: pin.tier, reason: pin.reason, until: pin.until, pinnedBy: pin.pinned_by_name, pinnedAt: pin.pinned_at.toISOString() } : null,
    rfm,
    tier,
  };
}

/**
 * The habits of the last run's period, folded from the customer's days of it (at most
 * HABIT_PERIOD_DAYS small rows). Before the first run, or with no day of the customer in the
 * period (no parcel the runs have reduced yet), there are none to show.
 */
function presentHabits(stored: Awaited<ReturnType<typeof habitDaysOf>>) {
  if (!stored || stored.days.length === 0) return { available: false as const, reason: 'not_computed_yet' };
  const period = { from: addDays(stored.to, 1 - HABIT_PERIOD_DAYS), to: stored.to };
  const habits = foldHabits(stored.days, period) as unknown as Record<string, unknown>;
  return { available: true as const, computedAt: stored.computedAt.toISOString(), ...period, habits, regionNames: regionNames(habits) };
}

/** Names of the destinations the habits list (provinces and cities), for the reader. */
function regionNames(habits: Record<string, unknown>): Record<string, string> {
  const names: Record<string, string> = {};
  for (const list of [habits.topProvinces, habits.topCities]) {
    for (const { key } of (list as { key: string }[] | undefined) ?? []) {
      const region = regionOf(key);
      const name = region ? regionLabel(region.provinceCode, region.cityCode) : null;
      if (name) names[key] = name;
    }
  }
  return names;
}
