/** The service-orders module's use cases (one file per area under use-cases/), for the routes and other modules. */
export type { ServiceOrderDeps } from './deps.js';
export { changeNotification, createNotification, listServiceOrders, moveStatus, notificationDetail, type ChangeInput, type CreateInput, type MoveInput } from './use-cases/notifications.js';
export { createWorkCenter, listCatalogs, listProfiles, listViews, listWorkCenters, removeView, saveView, seedServiceCatalogs, updateView } from './use-cases/setup.js';
export { processDueServiceClocks } from './clocks.js';
export { notificationClocks, serviceClockBoard } from './use-cases/clocks.js';
export { renderWorkPlanHtml, workPlan, workPlanDocument, type WorkPlanQuery } from './use-cases/work-plan.js';
export { emailNotification } from './use-cases/email.js';
export { addCode, addCodeGroup, adminCatalogs, changeCode, relabelCodeGroup } from './use-cases/admin-catalogs.js';
export { changeWorkCenter } from './use-cases/admin-work-centers.js';
