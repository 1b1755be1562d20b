/** How a status reads to a customer, in both languages. */
import type { TrackingStatus } from './vocabulary.js';

export const STATUS_LABELS: Record<TrackingStatus, { 'zh-CN': string; 'en-US': string }> = {
  ordered: { 'zh-CN': '已下单', 'en-US': 'Order placed' },
  picked_up: { 'zh-CN': '已揽收', 'en-US': 'Picked up' },
  in_transit: { 'zh-CN': '运输中', 'en-US': 'In transit' },
  customs: { 'zh-CN': '清关中', 'en-US': 'In customs' },
  out_for_delivery: { 'zh-CN': '派送中', 'en-US': 'Out for delivery' },
  awaiting_pickup: { 'zh-CN': '待取件', 'en-US': 'Ready for collection' },
  delivered: { 'zh-CN': '已签收', 'en-US': 'Delivered' },
  failed_attempt: { 'zh-CN': '派送失败', 'en-US': 'Delivery attempt failed' },
  refused: { 'zh-CN': '拒收', 'en-US': 'Refused' },
  returned: { 'zh-CN': '退回', 'en-US': 'Returned' },
  cancelled: { 'zh-CN': '已取消', 'en-US': 'Cancelled' },
  damaged: { 'zh-CN': '破损', 'en-US': 'Damaged' },
  stalled: { 'zh-CN': '停滞', 'en-US': 'Stalled' },
};

export function statusLabel(status: string, locale: 'zh-CN' | 'en-US'): string {
  return (STATUS_LABELS as Record<string, { 'zh-CN': string; 'en-US': string }>)[status]?.[locale] ?? status;
}
