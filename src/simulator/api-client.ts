/**
 * A small client for the two machine endpoints, used by the simulator and the import command:
 * POST /api/shipments (up to 1,000 per request) and POST /api/tracking/events (up to 5,000).
 * Everything goes through the real API — validation, API-key auth and audit — never the database.
 *
 * A waybill's events are kept in one request where they fit: the server judges a shipment on what
 * it knows after each request, and half a history (picked up ten days ago, nothing since) would
 * raise exceptions and customer notices the full history would not.
 */
import type { ScanEvent, ShipmentInput } from './generate.js';
import { normalizeWaybillNo } from '../domain/waybill.js';

export const MAX_SHIPMENTS_PER_REQUEST = 1000;
export const MAX_EVENTS_PER_REQUEST = 5000;

export interface ApiClientOptions {
  /** http://127.0.0.1:3000 */
  baseUrl: string;
  /** pd_…, an integration key (or an admin's) */
  apiKey: string;
  /** attempts for a request refused as too many (429) or unavailable (502–504), or a lost connection */
  attempts?: number;
  /** the fetch to use (tests pass their own); the global one by default */
  fetch?: typeof fetch;
  /** waits between attempts, ms; replaced in tests */
  sleep?: (ms: number) => Promise<void>;
}

/** The server's { code, message, details } answer to a refused request. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; rule: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Rejection {
  /** index in the list given to the client (not in the request) */
  index: number;
  /** the server's stable code, when it gave one */
  code?: string;
  reason: string;
}

export interface RegisterTotals {
  sent: number;
  registered: number;
  /** refused (code SHIPMENT_TEXT_INVALID), or registered with a remark (e.g. a region it could not find) */
  rejected: Rejection[];
  requests: number;
}

export interface IngestTotals {
  sent: number;
  stored: number;
  duplicates: number;
  rejected: Rejection[];
  shipmentsUpdated: number;
  exceptionsRaised: number;
  requests: number;
}

export interface Batch<T> {
  items: T[];
  /** each item's index in the original list */
  indices: number[];
}

/** Fixed-size batches, in order. */
export function batchesOf<T>(items: readonly T[], size: number): Batch<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('batch size must be a whole number ≥ 1');
  const batches: Batch<T>[] = [];
  for (let i = 0; i < items.length; i += size) {
    batches.push({ items: items.slice(i, i + size), indices: items.slice(i, i + size).map((_, j) => i + j) });
  }
  return batches;
}

/**
 * Batches of at most `size` events in which a waybill's events stay together (in their order),
 * waybills in the order they first appear. Only a waybill with more than `size` events is split.
 */
export function batchesByWaybill<T extends { waybillNo: string }>(events: readonly T[], size: number): Batch<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('batch size must be a whole number ≥ 1');
  const groups = new Map<string, number[]>();
  events.forEach((e, i) => {
    const key = normalizeWaybillNo(e.waybillNo);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const batches: Batch<T>[] = [];
  let current: number[] = [];
  const flush = () => {
    if (current.length) batches.push({ items: current.map((i) => events[i]!), indices: current });
    current = [];
  };
  for (const group of groups.values()) {
    if (current.length + group.length > size) flush();
    for (let start = 0; start < group.length; start += size) {
      const part = group.slice(start, start + size);
      if (current.length + part.length > size) flush();
      current.push(...part);
    }
  }
  flush();
  return batches;
}

const RETRYABLE = new Set([429, 502, 503, 504]);

export class ParcelDeskClient {
  private readonly baseUrl: string;
  private readonly attempts: number;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ApiClientOptions) {
    const url = new URL(options.baseUrl);
    this.baseUrl = url.origin + url.pathname.replace(/\/+$/, '');
    this.attempts = options.attempts ?? 4;
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** POSTs JSON; retries what is worth retrying, and turns any other refusal into an ApiError. */
  async post<R>(path: string, body: unknown): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetchImpl(`${this.baseUrl}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${this.options.apiKey}`,
            'content-type': 'application/json',
            'accept-language': 'en-US',
          },
          body: JSON.stringify(body),
        });
      } catch (err) {
        if (attempt >= this.attempts) {
          throw new ApiError(0, 'UNREACHABLE', `cannot reach ${this.baseUrl}: ${(err as Error).message}`);
        }
        await this.sleep(500 * 2 ** (attempt - 1));
        continue;
      }
      if (response.ok) return (await response.json()) as R;
      if (RETRYABLE.has(response.status) && attempt < this.attempts) {
        const retryAfter = Number(response.headers.get('retry-after'));
        await response.body?.cancel();
        await this.sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 500 * 2 ** (attempt - 1));
        continue;
      }
      const text = await response.text();
      let parsed: { code?: string; message?: string; details?: { path: string; rule: string }[] } = {};
      try {
        parsed = JSON.parse(text) as typeof parsed;
      } catch {
        // not our error shape (a proxy's page, say): keep the status and the start of the text
      }
      throw new ApiError(
        response.status,
        parsed.code ?? `HTTP_${response.status}`,
        parsed.message ?? (text.slice(0, 200) || response.statusText),
        parsed.details ?? [],
      );
    }
  }

  /** Registers shipments in requests of at most `batchSize` (≤ 1,000). */
  async registerShipments(shipments: readonly ShipmentInput[], batchSize = MAX_SHIPMENTS_PER_REQUEST): Promise<RegisterTotals> {
    if (batchSize > MAX_SHIPMENTS_PER_REQUEST) throw new RangeError(`at most ${MAX_SHIPMENTS_PER_REQUEST} shipments per request`);
    const totals: RegisterTotals = { sent: 0, registered: 0, rejected: [], requests: 0 };
    for (const batch of batchesOf(shipments, batchSize)) {
      const result = await this.post<{ registered: number; rejected: Rejection[] }>('/api/shipments', { shipments: batch.items });
      totals.requests++;
      totals.sent += batch.items.length;
      totals.registered += result.registered;
      totals.rejected.push(...result.rejected.map((r) => ({ ...r, index: batch.indices[r.index]! })));
    }
    return totals;
  }

  /** Sends events in requests of at most `batchSize` (≤ 5,000), a waybill's events together. */
  async sendEvents(events: readonly ScanEvent[], batchSize = MAX_EVENTS_PER_REQUEST): Promise<IngestTotals> {
    if (batchSize > MAX_EVENTS_PER_REQUEST) throw new RangeError(`at most ${MAX_EVENTS_PER_REQUEST} events per request`);
    const totals: IngestTotals = { sent: 0, stored: 0, duplicates: 0, rejected: [], shipmentsUpdated: 0, exceptionsRaised: 0, requests: 0 };
    for (const batch of batchesByWaybill(events, batchSize)) {
      const result = await this.post<{
        stored: number;
        duplicates: number;
        rejected: Rejection[];
        shipmentsUpdated: number;
        exceptionsRaised: number;
      }>('/api/tracking/events', { events: batch.items });
      totals.requests++;
      totals.sent += batch.items.length;
      totals.stored += result.stored;
      totals.duplicates += result.duplicates;
      totals.shipmentsUpdated += result.shipmentsUpdated;
      totals.exceptionsRaised += result.exceptionsRaised;
      totals.rejected.push(...result.rejected.map((r) => ({ index: batch.indices[r.index]!, reason: r.reason })));
    }
    return totals;
  }
}
