/**
 * Keeping the catalogs (目录: reason, damage and cause codes in code groups; docs/product.md §4), for
 * those who keep the company's policies (`policies.manage`, access.ts 'configure'). A group or code
 * is added or relabelled; a code is retired (inactive) rather than deleted, since notifications and
 * their history name it: a retired code is no longer offered or accepted, and what named it still
 * shows it by its number and label.
 */
import { inTransaction } from '../../../db/transaction.js';
import { AppError } from '../../../domain/errors.js';
import type { CatalogKind } from '../../../domain/service-orders/index.js';
import type { UserActor } from '../../tickets/service.js';
import { requirePermission } from '../access.js';
import type { ServiceOrderDeps } from '../deps.js';

export interface LabelsInput {
  labelZh: string;
  labelEn: string;
}

/** Every group with every code, active or retired, in both languages: what the admin page edits. */
export async function adminCatalogs(deps: ServiceOrderDeps, actor: UserActor) {
  requirePermission(actor, 'configure');
  const [groups, codes] = await Promise.all([
    deps.db.selectFrom('service_code_groups').selectAll().orderBy('catalog').orderBy('code_group').execute(),
    deps.db.selectFrom('service_codes').selectAll().orderBy('code').execute(),
  ]);
  return groups.map((g) => ({
    catalog: g.catalog as CatalogKind,
    group: g.code_group,
    labelZh: g.label_zh,
    labelEn: g.label_en,
    codes: codes.filter((c) => c.catalog === g.catalog && c.code_group === g.code_group).map((c) => ({ code: c.code, labelZh: c.label_zh, labelEn: c.label_en, active: c.active })),
  }));
}

export async function addCodeGroup(deps: ServiceOrderDeps, actor: UserActor, input: LabelsInput & { catalog: CatalogKind; group: string }) {
  requirePermission(actor, 'configure');
  const row = await deps.db
    .insertInto('service_code_groups')
    .values({ catalog: input.catalog, code_group: input.group, label_zh: input.labelZh.trim(), label_en: input.labelEn.trim() })
    .onConflict((oc) => oc.columns(['catalog', 'code_group']).doNothing())
    .returning('code_group')
    .executeTakeFirst();
  if (!row) throw new AppError('SERVICE_CATALOG_CODE_TAKEN', { code: input.group });
  return { catalog: input.catalog, group: input.group };
}

export async function relabelCodeGroup(deps: ServiceOrderDeps, actor: UserActor, catalog: CatalogKind, group: string, input: LabelsInput) {
  requirePermission(actor, 'configure');
  const result = await deps.db
    .updateTable('service_code_groups')
    .set({ label_zh: input.labelZh.trim(), label_en: input.labelEn.trim() })
    .where('catalog', '=', catalog)
    .where('code_group', '=', group)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('SERVICE_CATALOG_NOT_FOUND');
  return { catalog, group };
}

export async function addCode(deps: ServiceOrderDeps, actor: UserActor, catalog: CatalogKind, group: string, input: LabelsInput & { code: string }) {
  requirePermission(actor, 'configure');
  return inTransaction(deps.db, async (trx) => {
    // the group row locked: a code is never added to a group that is not there
    const parent = await trx.selectFrom('service_code_groups').select('code_group').where('catalog', '=', catalog).where('code_group', '=', group).forShare().executeTakeFirst();
    if (!parent) throw new AppError('SERVICE_CATALOG_NOT_FOUND');
    const row = await trx
      .insertInto('service_codes')
      .values({ catalog, code_group: group, code: input.code, label_zh: input.labelZh.trim(), label_en: input.labelEn.trim() })
      .onConflict((oc) => oc.columns(['catalog', 'code_group', 'code']).doNothing())
      .returning('code')
      .executeTakeFirst();
    if (!row) throw new AppError('SERVICE_CATALOG_CODE_TAKEN', { code: `${group}/${input.code}` });
    return { catalog, group, code: input.code };
  });
}

export async function changeCode(deps: ServiceOrderDeps, actor: UserActor, catalog: CatalogKind, group: string, code: string, input: Partial<LabelsInput> & { active?: boolean | undefined }) {
  requirePermission(actor, 'configure');
  const set = {
    ...(input.labelZh !== undefined && { label_zh: input.labelZh.trim() }),
    ...(input.labelEn !== undefined && { label_en: input.labelEn.trim() }),
    ...(input.active !== undefined && { active: input.active }),
  };
  if (Object.keys(set).length === 0) throw new AppError('VALIDATION_FAILED', { detail: 'nothing to change' });
  const result = await deps.db.updateTable('service_codes').set(set).where('catalog', '=', catalog).where('code_group', '=', group).where('code', '=', code).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('SERVICE_CATALOG_NOT_FOUND');
  return { catalog, group, code };
}
