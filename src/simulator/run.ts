/**
 * Runs the simulator against a ParcelDesk server: registers the generated shipments, then feeds
 * their scans through the real HTTP endpoints, as an order system and a scanner network would.
 */
import { performance } from 'node:perf_hooks';
import { ParcelDeskClient, MAX_EVENTS_PER_REQUEST, MAX_SHIPMENTS_PER_REQUEST } from './api-client.js';
import { generateTraffic, type Traffic, type TrafficOptions } from './generate.js';

export interface SimulatorOptions extends TrafficOptions {
  /** http://127.0.0.1:3000 */
  baseUrl: string;
  /** pd_…: an integration key */
  apiKey: string;
  /** events per request, at most 5,000 (the default) */
  batchSize?: number;
  /** the fetch to use; the global one by default */
  fetch?: typeof fetch;
}

export interface TrafficSummary {
  shipments: number;
  events: number;
  byRouteClass: Record<string, number>;
  /** normal, delayed, lost … with the variant: delayed/in_flight */
  byScenario: Record<string, number>;
  /** the status of each shipment's last scan at `now` (none: nothing scanned yet) */
  byFinalStatus: Record<string, number>;
  /** stories the start–now window was too short to show as meant (see ShipmentStory.anchored) */
  notAnchored: number;
}

export interface SimulatorRun {
  seed: number;
  start: string;
  now: string;
  shipments: { generated: number; registered: number; remarks: number };
  events: { generated: number; sent: number; stored: number; duplicates: number; rejected: number; exceptionsRaised: number };
  requests: number;
  elapsedMs: number;
  summary: TrafficSummary;
  /** the first problems the server reported, by waybill */
  problems: string[];
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

export function summarizeTraffic(traffic: Traffic): TrafficSummary {
  return {
    shipments: traffic.shipments.length,
    events: traffic.events.length,
    byRouteClass: countBy(traffic.stories, (s) => s.routeClass),
    byScenario: countBy(traffic.stories, (s) => (s.scenario === 'normal' ? 'normal' : `${s.scenario}/${s.variant}`)),
    byFinalStatus: countBy(traffic.stories, (s) => s.finalStatus ?? 'none'),
    notAnchored: traffic.stories.filter((s) => !s.anchored).length,
  };
}

const PROBLEMS_SHOWN = 20;

export async function runSimulator(options: SimulatorOptions): Promise<SimulatorRun> {
  const began = performance.now();
  const batchSize = options.batchSize ?? MAX_EVENTS_PER_REQUEST;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_EVENTS_PER_REQUEST) {
    throw new RangeError(`batch size must be a whole number from 1 to ${MAX_EVENTS_PER_REQUEST}`);
  }
  const traffic = generateTraffic(options);
  const client = new ParcelDeskClient({ baseUrl: options.baseUrl, apiKey: options.apiKey, ...(options.fetch ? { fetch: options.fetch } : {}) });

  const registered = await client.registerShipments(traffic.shipments, MAX_SHIPMENTS_PER_REQUEST);
  const ingested = await client.sendEvents(traffic.events, batchSize);

  const problems = [
    ...registered.rejected.map((r) => `${traffic.shipments[r.index]!.waybillNo}: ${r.reason}`),
    ...ingested.rejected.map((r) => `${traffic.events[r.index]!.waybillNo} event ${traffic.events[r.index]!.eventId}: ${r.reason}`),
  ].slice(0, PROBLEMS_SHOWN);

  return {
    seed: options.seed,
    start: options.start.toISOString(),
    now: options.now.toISOString(),
    shipments: { generated: traffic.shipments.length, registered: registered.registered, remarks: registered.rejected.length },
    events: {
      generated: traffic.events.length,
      sent: ingested.sent,
      stored: ingested.stored,
      duplicates: ingested.duplicates,
      rejected: ingested.rejected.length,
      exceptionsRaised: ingested.exceptionsRaised,
    },
    requests: registered.requests + ingested.requests,
    elapsedMs: Math.round(performance.now() - began),
    summary: summarizeTraffic(traffic),
    problems,
  };
}
