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

// ---- operations: clocks, work plan, e-mail, saved views, administration (schemas-ops.ts)
import type * as Ops from '../../../src/modules/service-orders/schemas-ops';

type OpsOf<Name extends keyof typeof Ops> = Static<(typeof Ops)[Name]>;
export type ServiceClock = OpsOf<'ServiceClockView'>;
export type ServiceClockBoard = OpsOf<'ServiceClockBoard'>;
export type WorkPlan = OpsOf<'WorkPlanView'>;
export type AdminCatalogs = OpsOf<'AdminCatalogs'>;
export type WorkCenterChange = OpsOf<'WorkCenterChange'>;
export type SavedView = Of<'SavedView'>;
export type ViewInput = Of<'ViewCreate'>;
export type ListColumn = ViewInput['columns'][number];

export const getServiceClocks = (id: string, signal?: AbortSignal) => api.get<ServiceClock[]>(`${base(id)}/clocks`, { signal });
export const getServiceClockBoard = (signal?: AbortSignal) => api.get<ServiceClockBoard>('/api/service-orders/clock-board', { signal });

export interface WorkPlanQuery {
  workCenterId: string;
  date: string;
  span: 'day' | 'week';
}
export const getWorkPlan = (query: WorkPlanQuery, signal?: AbortSignal) => api.get<WorkPlan>('/api/service-orders/work-plan', { query: { ...query }, signal });
/** The print page, the PDF and the workbook: plain links (the session cookie goes with them). */
export const workPlanUrl = (format: 'html' | 'pdf' | 'xlsx', query: WorkPlanQuery) =>
  `/api/service-orders/work-plan.${format}?${new URLSearchParams({ workCenterId: query.workCenterId, date: query.date, span: query.span }).toString()}`;

export const emailServiceOrder = (id: string, input: { workCenterId: string; note?: string; attachWorkPlan?: boolean }) =>
  api.post<{ outboxId: string; recipient: string; subject: string; attachments: string[] }>(`${base(id)}/email`, input);

export const listViews = (signal?: AbortSignal) => api.get<SavedView[]>('/api/service-orders/views', { signal });
export const saveView = (input: ViewInput) => api.post<{ id: string }>('/api/service-orders/views', input);
export const replaceView = (id: string, input: ViewInput) => api.put<{ id: string }>(`/api/service-orders/views/${encodeURIComponent(id)}`, input);
export const deleteView = (id: string) => api.delete<{ deleted: boolean }>(`/api/service-orders/views/${encodeURIComponent(id)}`);

export const getAdminCatalogs = (signal?: AbortSignal) => api.get<AdminCatalogs>('/api/service-orders/admin/catalogs', { signal });
export const addCodeGroup = (input: { catalog: 'reason' | 'damage' | 'cause'; group: string; labelZh: string; labelEn: string }) => api.post('/api/service-orders/admin/catalogs', input);
export const addCode = (catalog: string, group: string, input: { code: string; labelZh: string; labelEn: string }) =>
  api.post(`/api/service-orders/admin/catalogs/${catalog}/${encodeURIComponent(group)}/codes`, input);
export const changeCode = (catalog: string, group: string, code: string, input: { labelZh?: string; labelEn?: string; active?: boolean }) =>
  api.patch(`/api/service-orders/admin/catalogs/${catalog}/${encodeURIComponent(group)}/codes/${code}`, input);
export const changeWorkCenter = (id: string, input: WorkCenterChange) => api.patch<WorkCenter>(`/api/service-orders/work-centers/${encodeURIComponent(id)}`, input);
