/** Addresses of console pages that other pages link to. */

export function shipmentPath(waybillNo: string): string {
  return `/shipments/${encodeURIComponent(waybillNo)}`;
}

export function customerPath(id: string): string {
  return `/customers/${encodeURIComponent(id)}`;
}

export function claimPath(id: string): string {
  return `/claims/${encodeURIComponent(id)}`;
}
