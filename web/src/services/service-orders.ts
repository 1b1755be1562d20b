/**
 * After-sales service notifications (服务通知单, docs/product.md §4) as the console uses them:
 * the IW59 list, create (IW51), display, change (IW52) and status moves, with the reference data
 * (work centers, catalogs, status profiles). Shapes are the static types of the server's schemas.
 */
import type { Static } from 'typebox';
import type * as ServiceOrders from '../../../src/modules/service-orders/schemas';
import { api } from '../api';

type Of<Name extends keyof typeof ServiceOrders> = Static<(typeof ServiceOrders)[Name]>;

export type NotificationSummary = Of<'NotificationSummary'>;
export type NotificationPage = Of<'NotificationPage'>;
export type NotificationDetail = Of<'NotificationDetail'>;
export type NotificationCreate = Of<'NotificationCreate'>;
export type NotificationChange = Of<'NotificationChange'>;
export type StatusMove = Of<'StatusMove'>;
export type WorkCenter = Of<'WorkCenterView'>;
export type Catalogs = Of<'CatalogsView'>;
export type Profiles = Of<'ProfilesView'>;

export interface ListFilters {
  type?: 'Z1' | 'Z2' | undefined;
  systemStatus?: string | undefined;
  userStatus?: string | undefined;
  workCenterId?: string | undefined;
  partnerId?: string | undefined;
  reasonGroup?: string | undefined;
  startFrom?: string | undefined;
  startTo?: string | undefined;
  number?: string | undefined;
  ticketId?: string | undefined;
}

const base = (id: string) => `/api/service-orders/${encodeURIComponent(id)}`;

export const listServiceOrders = (filters: ListFilters, page: number, pageSize: number, signal?: AbortSignal) =>
  api.get<NotificationPage>('/api/service-orders', { query: { ...filters, page, pageSize }, signal });
export const getServiceOrder = (id: string, signal?: AbortSignal) => api.get<NotificationDetail>(base(id), { signal });
export const createServiceOrder = (input: NotificationCreate) => api.post<{ id: string; number: string; version: number }>('/api/service-orders', input);
export const changeServiceOrder = (id: string, input: NotificationChange) => api.patch<{ version: number }>(base(id), input);
export const moveServiceOrder = (id: string, input: StatusMove) => api.post<{ userStatus: string; systemStatus: string; version: number }>(`${base(id)}/status`, input);
export const listWorkCenters = (signal?: AbortSignal) => api.get<WorkCenter[]>('/api/service-orders/work-centers', { signal });
export const listCatalogs = (signal?: AbortSignal) => api.get<Catalogs>('/api/service-orders/catalogs', { signal });
export const listProfiles = (signal?: AbortSignal) => api.get<Profiles>('/api/service-orders/profiles', { signal });
