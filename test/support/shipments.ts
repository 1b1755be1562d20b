/**
 * A registered parcel last scanned at `since` and due for the tracking clock now: with `since`
 * days ago, the clock finds it stalled and the exception job opens a ticket for it.
 */
export function stalledShipment(waybillNo: string, since: Date) {
  return {
    waybill_no: waybillNo,
    registered: true,
    status: 'in_transit',
    sub_status: 'arrived',
    picked_up_at: since,
    last_event_time: since,
    last_event_key: 'k',
    last_event_text: '到达转运中心',
    recipient_phone: '13900000000',
    next_check_at: new Date(Date.now() - 60_000),
  };
}
