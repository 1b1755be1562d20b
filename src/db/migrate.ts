/**
 * Applies the ordered migrations. They are imported statically (not read from a folder) so the
 * compiled server and the TypeScript sources run the same list.
 */
import type { Kysely } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import * as foundation from './migrations/2026-11-22T1300_foundation.js';
import * as tracking from './migrations/2026-11-22T1500_tracking.js';
import * as tickets from './migrations/2026-11-22T1700_tickets.js';
import * as trackingView from './migrations/2026-11-22T1900_tracking_view.js';
import * as ticketClockKey from './migrations/2026-11-22T2100_ticket_clock_key.js';
import * as callbackCancelled from './migrations/2026-11-23T0100_callback_cancelled.js';
import * as callbackAttempts from './migrations/2026-11-23T0300_callback_attempts.js';
import * as shipmentNamePrefix from './migrations/2026-11-23T0400_shipment_name_prefix.js';
import * as ticketsFillfactor from './migrations/2026-11-23T0500_tickets_fillfactor.js';
import * as ticketIdsTimeOrdered from './migrations/2026-11-23T0600_ticket_ids_time_ordered.js';
import * as shipmentFeedNotice from './migrations/2026-12-07T0100_shipment_feed_notice.js';
import * as waybillOneSpelling from './migrations/2026-12-07T0100_waybill_one_spelling.js';
import * as customerPhoneUnique from './migrations/2026-12-07T0200_customer_phone_unique.js';
import * as ticketJobs from './migrations/2026-12-07T0300_ticket_jobs.js';
import * as notificationClaims from './migrations/2026-12-07T0400_notification_claims.js';
import * as phoneCheckCounts from './migrations/2026-12-07T0400_phone_check_counts.js';
import * as signInLocks from './migrations/2026-12-07T0400_sign_in_locks.js';
import * as forbiddenPhraseVariants from './migrations/2026-12-07T0500_forbidden_phrase_variants.js';
import * as readableSources from './migrations/2026-12-07T0600_readable_sources.js';
import * as emailOutbox from './migrations/2026-12-07T1200_email_outbox.js';
import * as phraseReleaseRequests from './migrations/2026-12-07T1400_phrase_release_requests.js';
import * as ticketSearchParts from './migrations/2026-12-07T1400_ticket_search_parts.js';
import * as exceptionTitlesFollowStory from './migrations/2026-12-07T1410_exception_titles_follow_story.js';
import * as trackingViewStory from './migrations/2026-12-07T1410_tracking_view_story.js';
import * as customerRecords from './migrations/2026-12-07T1500_customer_records.js';
import * as surveys from './migrations/2026-12-07T1510_surveys.js';
import * as accountCallbacks from './migrations/2026-12-07T1800_account_callbacks.js';
import * as claims from './migrations/2026-12-07T1900_ledger_and_claims.js';
import * as monthlyReports from './migrations/2026-12-07T1910_monthly_reports.js';
import * as ticketFollowUps from './migrations/2026-12-07T1920_ticket_follow_ups.js';
import * as customerHabits from './migrations/2026-12-07T1930_customer_habits.js';
import * as customerTierPins from './migrations/2026-12-08T0100_customer_tier_pins.js';
import * as customersAtScale from './migrations/2026-12-08T0200_customers_at_scale.js';
import * as selfServiceClaims from './migrations/2026-12-08T0400_self_service_claims.js';
import * as trackingViewClaims from './migrations/2026-12-08T0400_tracking_view_claims.js';
import * as claimClocks from './migrations/2026-12-08T0500_claim_clocks.js';
import * as claimsByMonthlyAccount from './migrations/2026-12-08T0501_claims_by_monthly_account.js';
import * as claimsListIndexes from './migrations/2026-12-08T0502_claims_list_indexes.js';
import * as serviceOrders from './migrations/2026-12-08T0600_service_orders.js';
import * as kpiFacts from './migrations/2026-12-08T0800_kpi_facts.js';
import * as serviceOrderClocks from './migrations/2026-12-08T1200_service_order_clocks.js';
import * as qualityReviews from './migrations/2026-12-08T1400_quality_reviews.js';
import * as supervisionReports from './migrations/2026-12-08T1500_supervision_reports.js';
import * as customerRunningTotals from './migrations/2026-12-08T1600_customer_running_totals.js';
import * as claimsStateOrder from './migrations/2026-12-08T1700_claims_state_order.js';
import * as trackingTimeline from './migrations/2026-12-08T1800_tracking_timeline.js';
import * as paidService from './migrations/2026-12-08T1900_paid_service.js';
import * as kpiTargets from './migrations/2026-12-08T2000_kpi_targets.js';
import * as kpiDailySlices from './migrations/2026-12-08T2100_kpi_daily_slices.js';
import * as serviceNotificationsWcStatus from './migrations/2026-12-08T2200_service_notifications_wc_status.js';
import * as trackingViewRawTimeline from './migrations/2026-12-08T2300_tracking_view_raw_timeline.js';
import * as parcelLookup from './migrations/2026-12-08T2310_parcel_lookup.js';
import * as kpiUpdateTriggersPlannedPerStatement from './migrations/2026-12-08T2320_kpi_update_triggers_planned_per_statement.js';
import * as timelineLz4 from './migrations/2026-12-08T2330_timeline_lz4.js';

/** Timestamp-named, applied in name order. Append; never reorder or edit. */
export const migrations: Record<string, Migration> = {
  '2026-11-22T1300_foundation': foundation,
  '2026-11-22T1500_tracking': tracking,
  '2026-11-22T1700_tickets': tickets,
  '2026-11-22T1900_tracking_view': trackingView,
  '2026-11-22T2100_ticket_clock_key': ticketClockKey,
  '2026-11-23T0100_callback_cancelled': callbackCancelled,
  '2026-11-23T0300_callback_attempts': callbackAttempts,
  '2026-11-23T0400_shipment_name_prefix': shipmentNamePrefix,
  '2026-11-23T0500_tickets_fillfactor': ticketsFillfactor,
  '2026-11-23T0600_ticket_ids_time_ordered': ticketIdsTimeOrdered,
  '2026-12-07T0100_shipment_feed_notice': shipmentFeedNotice,
  '2026-12-07T0100_waybill_one_spelling': waybillOneSpelling,
  '2026-12-07T0200_customer_phone_unique': customerPhoneUnique,
  '2026-12-07T0300_ticket_jobs': ticketJobs,
  '2026-12-07T0400_notification_claims': notificationClaims,
  '2026-12-07T0400_phone_check_counts': phoneCheckCounts,
  '2026-12-07T0400_sign_in_locks': signInLocks,
  '2026-12-07T0500_forbidden_phrase_variants': forbiddenPhraseVariants,
  '2026-12-07T0600_readable_sources': readableSources,
  '2026-12-07T1200_email_outbox': emailOutbox,
  '2026-12-07T1400_phrase_release_requests': phraseReleaseRequests,
  '2026-12-07T1400_ticket_search_parts': ticketSearchParts,
  '2026-12-07T1410_exception_titles_follow_story': exceptionTitlesFollowStory,
  '2026-12-07T1410_tracking_view_story': trackingViewStory,
  '2026-12-07T1500_customer_records': customerRecords,
  '2026-12-07T1510_surveys': surveys,
  '2026-12-07T1800_account_callbacks': accountCallbacks,
  '2026-12-07T1900_ledger_and_claims': claims,
  '2026-12-07T1910_monthly_reports': monthlyReports,
  '2026-12-07T1920_ticket_follow_ups': ticketFollowUps,
  '2026-12-07T1930_customer_habits': customerHabits,
  '2026-12-08T0100_customer_tier_pins': customerTierPins,
  '2026-12-08T0200_customers_at_scale': customersAtScale,
  '2026-12-08T0400_self_service_claims': selfServiceClaims,
  '2026-12-08T0400_tracking_view_claims': trackingViewClaims,
  '2026-12-08T0500_claim_clocks': claimClocks,
  '2026-12-08T0501_claims_by_monthly_account': claimsByMonthlyAccount,
  '2026-12-08T0502_claims_list_indexes': claimsListIndexes,
  '2026-12-08T0600_service_orders': serviceOrders,
  '2026-12-08T0800_kpi_facts': kpiFacts,
  '2026-12-08T1200_service_order_clocks': serviceOrderClocks,
  '2026-12-08T1400_quality_reviews': qualityReviews,
  '2026-12-08T1500_supervision_reports': supervisionReports,
  '2026-12-08T1600_customer_running_totals': customerRunningTotals,
  '2026-12-08T1700_claims_state_order': claimsStateOrder,
  '2026-12-08T1800_tracking_timeline': trackingTimeline,
  '2026-12-08T1900_paid_service': paidService,
  '2026-12-08T2000_kpi_targets': kpiTargets,
  '2026-12-08T2100_kpi_daily_slices': kpiDailySlices,
  '2026-12-08T2200_service_notifications_wc_status': serviceNotificationsWcStatus,
  '2026-12-08T2300_tracking_view_raw_timeline': trackingViewRawTimeline,
  '2026-12-08T2310_parcel_lookup': parcelLookup,
  '2026-12-08T2320_kpi_update_triggers_planned_per_statement': kpiUpdateTriggersPlannedPerStatement,
  '2026-12-08T2330_timeline_lz4': timelineLz4,
};

// Migrations run against an untyped Kysely: they are frozen and must not follow today's schema types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
