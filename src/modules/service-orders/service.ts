/** The service-orders module's use cases (one file per area under use-cases/), for the routes and other modules. */
export type { ServiceOrderDeps } from './deps.js';
export { changeNotification, createNotification, listServiceOrders, moveStatus, notificationDetail, type ChangeInput, type CreateInput, type MoveInput } from './use-cases/notifications.js';
export { createWorkCenter, listCatalogs, listProfiles, listViews, listWorkCenters, removeView, saveView, seedServiceCatalogs } from './use-cases/setup.js';
