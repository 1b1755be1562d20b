/**
 * The KPI module's face for its routes, the jobs and the CLI (docs/product.md §6): the registry
 * with what each KPI is, its series from the daily facts, the records behind a number, and the
 * rollup that keeps the facts.
 */
export { rebuildKpiFacts, rollupKpiChanges } from './rollup.js';
