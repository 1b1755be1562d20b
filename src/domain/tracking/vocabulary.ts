/**
 * Our tracking vocabulary: a canonical status and a sub-status for every scan, whatever carrier
 * or feed it came from (docs/product.md §1). External codes (快递100, AfterShip) are mapped onto it.
 */

export const TRACKING_STATUSES = {
  ordered: ['created', 'pickup_scheduled'],
  picked_up: ['picked_up'],
  in_transit: ['departed', 'arrived', 'in_transit', 'transferred', 'forwarded'],
  customs: ['customs_pending', 'customs_cleared', 'customs_held'],
  out_for_delivery: ['out_for_delivery', 'redelivery'],
  awaiting_pickup: ['locker', 'station'],
  delivered: ['self', 'proxy', 'locker', 'station', 'returned_signed', 'abnormal_signed'],
  failed_attempt: ['no_one_home', 'address_issue', 'rescheduled', 'unreachable', 'other'],
  refused: ['refused'],
  returned: ['returning', 'returned_to_sender'],
  cancelled: ['cancelled'],
  damaged: ['damaged'],
  stalled: ['stalled', 'problem', 'expired'],
} as const;

export type TrackingStatus = keyof typeof TRACKING_STATUSES;
export type SubStatus<S extends TrackingStatus = TrackingStatus> = (typeof TRACKING_STATUSES)[S][number];

export const STATUS_LIST = Object.keys(TRACKING_STATUSES) as TrackingStatus[];

export function isTrackingStatus(value: string): value is TrackingStatus {
  return Object.hasOwn(TRACKING_STATUSES, value);
}

export function isSubStatusOf(status: TrackingStatus, sub: string): boolean {
  return (TRACKING_STATUSES[status] as readonly string[]).includes(sub);
}

/**
 * A parcel's life moves forward: ordered → picked up → in transit → out for delivery → delivered.
 * The rank orders events that happen at the same instant; terminal statuses end the story.
 */
export const STATUS_RANK: Record<TrackingStatus, number> = {
  ordered: 10,
  picked_up: 20,
  in_transit: 30,
  customs: 30,
  stalled: 35,
  damaged: 36,
  out_for_delivery: 40,
  failed_attempt: 45,
  awaiting_pickup: 50,
  refused: 60,
  returned: 70,
  cancelled: 90,
  delivered: 100,
};

/** Once signed (or returned to the sender, or cancelled) a shipment stays so. */
export function isTerminal(status: TrackingStatus, subStatus: string): boolean {
  return status === 'delivered' || status === 'cancelled' || (status === 'returned' && subStatus === 'returned_to_sender');
}

/** What a tracking event says, in our vocabulary, however it arrived. */
export interface CanonicalEvent {
  waybillNo: string;
  eventTime: Date;
  status: TrackingStatus;
  subStatus: string;
  /** Site or station name, e.g. 上海浦东营业站 */
  site: string | null;
  /** GB/T 2260 code of where it happened, 6 digits */
  areaCode: string | null;
  courier: string | null;
  /** The carrier's own words, kept as received */
  rawText: string;
  /** scanner, kuaidi100, aftership, import, simulator … */
  source: string;
  /** The sender's id for the event when it has one; otherwise derived from the content */
  externalId: string | null;
}
