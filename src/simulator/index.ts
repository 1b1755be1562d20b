/** The traffic simulator: seeded shipments and scans, and a runner that feeds them through the API. */
export {
  generateTraffic,
  trafficOptionProblems,
  DEFAULT_SHARES,
  DEFAULT_PROMISE_RULES,
  SHARE_KEYS,
  MAX_SIMULATED_SHIPMENTS,
  type ScanEvent,
  type ShipmentInput,
  type ShipmentStory,
  type Traffic,
  type TrafficOptions,
  type TrafficShares,
} from './generate.js';
export { runSimulator, summarizeTraffic, type SimulatorOptions, type SimulatorRun, type TrafficSummary } from './run.js';
export {
  ParcelDeskClient,
  ApiError,
  batchesByWaybill,
  batchesOf,
  MAX_EVENTS_PER_REQUEST,
  MAX_SHIPMENTS_PER_REQUEST,
  type ApiClientOptions,
  type IngestTotals,
  type RegisterTotals,
  type Rejection,
} from './api-client.js';
export { SCENARIOS, VARIANTS, type Scenario, type PromiseRules } from './journey.js';
