/**
 * Catalogs of a service notification (目录), like SAP's: codes in code groups, per catalog — the
 * reason an item is reported (原因代码), the damage found (损坏), and the cause a notification is
 * completed with (完成原因). Data, not code: the defaults below are what a new company starts
 * with; the service-orders module stores them and checks every code a request names against the
 * stored catalog.
 */
import type { Label } from './status-profile.js';

export const CATALOGS = ['reason', 'damage', 'cause'] as const;
export type CatalogKind = (typeof CATALOGS)[number];

export interface CatalogCode {
  code: string;
  label: Label;
}

export interface CodeGroup {
  catalog: CatalogKind;
  /** e.g. SV-REPAIR */
  group: string;
  label: Label;
  codes: readonly CatalogCode[];
}

export const CODE_GROUP_PATTERN = '^[A-Z][A-Z0-9-]{1,11}$';
export const CATALOG_CODE_PATTERN = '^[0-9]{4}$';

const l = (zh: string, en: string): Label => ({ 'zh-CN': zh, 'en-US': en });

/** The company's starting catalogs for delivering and installing large items (furniture, appliances). */
export const DEFAULT_CODE_GROUPS: readonly CodeGroup[] = [
  {
    catalog: 'reason',
    group: 'SV-REPAIR',
    label: l('维修', 'Repair'),
    codes: [
      { code: '0001', label: l('锁具损坏', 'Lock broken') },
      { code: '0002', label: l('五金件松动', 'Hardware loose') },
      { code: '0003', label: l('表面划伤', 'Surface scratched') },
      { code: '0004', label: l('功能故障', 'Does not work') },
    ],
  },
  {
    catalog: 'reason',
    group: 'SV-INSTALL',
    label: l('安装', 'Installation'),
    codes: [
      { code: '0001', label: l('需要上门安装', 'Installation on site') },
      { code: '0002', label: l('移机或重新安装', 'Move or reinstall') },
    ],
  },
  {
    catalog: 'reason',
    group: 'DX-DELIV',
    label: l('交货异常', 'Delivery exception'),
    codes: [
      { code: '0001', label: l('少件', 'Parts missing') },
      { code: '0002', label: l('错发', 'Wrong item') },
      { code: '0003', label: l('运输破损', 'Damaged in transit') },
      { code: '0004', label: l('到货延误', 'Delivered late') },
    ],
  },
  {
    catalog: 'damage',
    group: 'DM-SURF',
    label: l('外观损坏', 'Surface damage'),
    codes: [
      { code: '0001', label: l('划痕', 'Scratch') },
      { code: '0002', label: l('凹陷', 'Dent') },
      { code: '0003', label: l('破裂', 'Crack') },
    ],
  },
  {
    catalog: 'damage',
    group: 'DM-FUNC',
    label: l('功能损坏', 'Functional damage'),
    codes: [
      { code: '0001', label: l('无法开启', 'Will not open') },
      { code: '0002', label: l('异响', 'Abnormal noise') },
    ],
  },
  {
    catalog: 'cause',
    group: 'CS-DONE',
    label: l('完成原因', 'Completion cause'),
    codes: [
      { code: '0001', label: l('现场修复', 'Repaired on site') },
      { code: '0002', label: l('更换部件', 'Parts replaced') },
      { code: '0003', label: l('换货或补发', 'Item exchanged or sent again') },
      { code: '0004', label: l('退回厂商', 'Returned to the manufacturer') },
      { code: '0005', label: l('客户取消', 'Cancelled by the customer') },
      { code: '0006', label: l('无需处理', 'No action needed') },
    ],
  },
];

export interface CodeRef {
  group: string;
  code: string;
}

/** The code `ref` names in `catalog`, or undefined when the catalog has no such group or code. */
export function findCode(groups: readonly CodeGroup[], catalog: CatalogKind, ref: CodeRef): CatalogCode | undefined {
  return groups.find((g) => g.catalog === catalog && g.group === ref.group)?.codes.find((c) => c.code === ref.code);
}

/**
 * Checks catalogs written as data: groups and codes in their patterns, each group once per
 * catalog, each code once per group, a group with at least one code, labels in both languages.
 */
export function validateCodeGroups(groups: readonly CodeGroup[]): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const g of groups) {
    const where = `${g.catalog}/${g.group}`;
    if (!(CATALOGS as readonly string[]).includes(g.catalog)) errors.push(`${where}: unknown catalog`);
    if (!new RegExp(CODE_GROUP_PATTERN).test(g.group)) errors.push(`${where}: a group is 2–12 capital letters, digits or hyphens, starting with a letter`);
    if (seen.has(where)) errors.push(`${where}: group listed twice`);
    seen.add(where);
    if (!g.label['zh-CN']?.trim() || !g.label['en-US']?.trim()) errors.push(`${where}: a label in both languages`);
    if (g.codes.length === 0) errors.push(`${where}: a group needs at least one code`);
    const codes = new Set<string>();
    for (const c of g.codes) {
      if (!new RegExp(CATALOG_CODE_PATTERN).test(c.code)) errors.push(`${where}/${c.code}: a code is four digits`);
      if (codes.has(c.code)) errors.push(`${where}/${c.code}: code listed twice`);
      codes.add(c.code);
      if (!c.label['zh-CN']?.trim() || !c.label['en-US']?.trim()) errors.push(`${where}/${c.code}: a label in both languages`);
    }
  }
  return errors;
}
