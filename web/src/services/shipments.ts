import { api } from '../api';
import type { Page, RevealedParties, ShipmentDetail, ShipmentSummary } from './types';

export interface ShipmentQuery {
  /** Waybill number, phone number or name. */
  q?: string;
  page: number;
  pageSize: number;
}

function shipmentPath(waybillNo: string): string {
  return `/api/shipments/${encodeURIComponent(waybillNo)}`;
}

export function searchShipments(query: ShipmentQuery, signal?: AbortSignal): Promise<Page<ShipmentSummary>> {
  return api.get<Page<ShipmentSummary>>('/api/shipments', { query: { ...query }, signal });
}

/** An ApiError 404 when there is no such waybill. */
export function getShipment(waybillNo: string, signal?: AbortSignal): Promise<ShipmentDetail> {
  return api.get<ShipmentDetail>(shipmentPath(waybillNo), { signal });
}

/** Unmasked sender and recipient. The server records every call in the audit log. */
export function revealPersonalData(waybillNo: string): Promise<RevealedParties> {
  return api.post<RevealedParties>(`${shipmentPath(waybillNo)}/reveal`);
}
