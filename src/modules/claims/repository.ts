/** The claims tables. Money columns are bigint: read back as strings, turned into numbers here. */
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { ClaimLedgerTable, ClaimTable, DB } from '../../db/schema.js';
import type { LedgerEntry, LedgerKind, LedgerDirection } from '../../domain/claims/index.js';

type Db = Kysely<DB> | Transaction<DB>;
export type ClaimRow = Selectable<ClaimTable>;
export type LedgerRow = Selectable<ClaimLedgerTable>;

export const fen = (value: string | number): number => Number(value);
export const fenOrNull = (value: string | number | null): number | null => (value === null ? null : Number(value));

export async function claimTicketId(db: Db, id: string): Promise<string | undefined> {
  return (await db.selectFrom('claims').select('ticket_id').where('id', '=', id).executeTakeFirst())?.ticket_id;
}

/** Locks the claim row (inside a transaction; the ticket is locked first, docs/architecture.md lock order) or reads it. */
export async function loadClaim(db: Db, id: string): Promise<ClaimRow | undefined> {
  const query = db.selectFrom('claims').selectAll().where('id', '=', id);
  return db.isTransaction ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export async function updateClaim(trx: Transaction<DB>, row: ClaimRow, values: Updateable<ClaimTable>): Promise<number> {
  const { version } = await trx
    .updateTable('claims')
    .set({ ...values, updated_at: new Date(), version: row.version + 1 })
    .where('id', '=', row.id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return version;
}

export async function ledgerRows(db: Db, claimIds: readonly string[]): Promise<LedgerRow[]> {
  if (claimIds.length === 0) return [];
  return db.selectFrom('claim_ledger').selectAll().where('claim_id', 'in', claimIds).orderBy('created_at').orderBy('entry_key').execute();
}

/** A stored row as the domain's ledger entry (the reversed entry named by its key). */
export function toEntries(rows: readonly LedgerRow[]): LedgerEntry[] {
  const keyOf = new Map(rows.map((r) => [r.id, r.entry_key]));
  return rows.map((r) => ({
    claimId: r.claim_id,
    entryKey: r.entry_key,
    requestKey: r.idempotency_key,
    kind: r.kind as LedgerKind,
    direction: r.direction as LedgerDirection,
    amountFen: fen(r.amount_fen),
    reference: r.reference,
    station: r.station,
    reversesEntryKey: r.reverses_entry_id ? (keyOf.get(r.reverses_entry_id) ?? null) : null,
  }));
}

export async function appendLedger(trx: Transaction<DB>, rows: readonly LedgerRow[], entries: readonly LedgerEntry[], by: string): Promise<void> {
  const idOf = new Map(rows.map((r) => [r.entry_key, r.id]));
  for (const e of entries) {
    await trx
      .insertInto('claim_ledger')
      .values({
        claim_id: e.claimId,
        entry_key: e.entryKey,
        idempotency_key: e.requestKey,
        kind: e.kind,
        direction: e.direction,
        amount_fen: e.amountFen,
        reference: e.reference,
        station: e.station,
        reverses_entry_id: e.reversesEntryKey ? (idOf.get(e.reversesEntryKey) ?? null) : null,
        created_by: by,
      })
      .execute();
  }
}

/** Whether another claim already used this idempotency key (keys are unique across the ledger). */
export async function keyUsedElsewhere(db: Db, key: string, claimId: string): Promise<boolean> {
  const row = await db.selectFrom('claim_ledger').select('id').where('idempotency_key', '=', key).where('claim_id', '<>', claimId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The types of a parcel's claims that are not closed (its story tells them: domain/tracking/story.ts). */
export async function openClaimTypes(db: Db, shipmentId: string): Promise<string[]> {
  const rows = await db.selectFrom('claims').select('type').distinct().where('shipment_id', '=', shipmentId).where('state', '<>', 'closed').execute();
  return rows.map((r) => r.type);
}
