/**
 * The capabilities of docs/product.md as the console shows them: menu entry, address, the permission
 * that opens it, and whether it is built yet. The menu, the routes and the home page all read this
 * one list, so a capability is named once.
 */
import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ContactsOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  HomeOutlined,
  KeyOutlined,
  LineChartOutlined,
  LikeOutlined,
  MoneyCollectOutlined,
  PhoneOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
  ToolOutlined,
  TruckOutlined,
} from '@ant-design/icons';
import type { ComponentType } from 'react';
import type { MessageKey } from './i18n';
import type { Permission } from './shared';

export type CapabilityKey =
  | 'home'
  | 'workstation'
  | 'shipments'
  | 'exceptions'
  | 'board'
  | 'tickets'
  | 'claims'
  | 'serviceOrders'
  | 'customers'
  | 'desk'
  | 'callbacks'
  | 'surveys'
  | 'quality'
  | 'reports'
  | 'kpis'
  | 'assessment'
  | 'users'
  | 'apiKeys'
  | 'audit'
  | 'policies'
  | 'serviceOrderSetup';

export interface Capability {
  key: CapabilityKey;
  path: string;
  icon: ComponentType;
  label: MessageKey;
  /** One sentence of what it does (docs/product.md). */
  summary: MessageKey;
  /** The permission the server grants for it. */
  permission: Permission;
  /** False: the menu names it, its page says it is not available yet. */
  built: boolean;
  group: 'work' | 'admin';
}

function entry(
  key: CapabilityKey,
  path: string,
  icon: ComponentType,
  options: { permission?: Permission; built?: boolean; group?: Capability['group'] } = {},
): Capability {
  return {
    key,
    path,
    icon,
    label: `nav.${key}`,
    summary: `capability.${key}`,
    permission: options.permission ?? 'console.use',
    built: options.built ?? false,
    group: options.group ?? 'work',
  };
}

// Capabilities not built yet are open to every console user (`console.use`) and show only the
// "not available yet" page. Shipments and exceptions are for all staff (shipments.read); policies
// & calendars belong to managers and admins (policies.manage).
export const CAPABILITIES: readonly Capability[] = [
  entry('home', '/', HomeOutlined, { built: true }),
  entry('workstation', '/workstation', CustomerServiceOutlined, { built: true }),
  entry('shipments', '/shipments', TruckOutlined, { permission: 'shipments.read', built: true }),
  entry('exceptions', '/exceptions', AlertOutlined, { permission: 'shipments.read', built: true }),
  entry('board', '/board', DashboardOutlined, { permission: 'tickets.supervise', built: true, group: 'work' }),
  entry('tickets', '/tickets', ProfileOutlined, { permission: 'tickets.work', built: true }),
  entry('claims', '/claims', MoneyCollectOutlined, { permission: 'tickets.work', built: true }),
  entry('serviceOrders', '/service-orders', ToolOutlined, { permission: 'serviceOrders.read', built: true }),
  entry('customers', '/customers', ContactsOutlined, { permission: 'customers.read', built: true }),
  entry('desk', '/desk', SolutionOutlined, { permission: 'customers.edit', built: true }),
  entry('callbacks', '/callbacks', PhoneOutlined, { permission: 'tickets.work', built: true }),
  entry('surveys', '/surveys', LikeOutlined, { permission: 'surveys.read', built: true }),
  // Reviewers and the reviewed agents alike (the page shows each their part: modules/quality/access.ts).
  entry('quality', '/quality', SafetyCertificateOutlined, { built: true }),
  // Supervision reports (服务监督报告) for supervisors, managers and admins, who read the KPIs they are made of.
  entry('reports', '/reports/supervision', BarChartOutlined, { permission: 'kpis.read', built: true }),
  entry('kpis', '/kpis', LineChartOutlined, { permission: 'kpis.read', built: true }),
  entry('assessment', '/assessment', AuditOutlined, { built: true }),
  entry('users', '/admin/users', TeamOutlined, { permission: 'users.manage', built: true, group: 'admin' }),
  entry('apiKeys', '/admin/api-keys', KeyOutlined, { permission: 'apiKeys.manage', built: true, group: 'admin' }),
  entry('audit', '/admin/audit', FileSearchOutlined, { permission: 'audit.read', built: true, group: 'admin' }),
  entry('policies', '/admin/policies', CalendarOutlined, { permission: 'policies.manage', built: true, group: 'admin' }),
  entry('serviceOrderSetup', '/admin/service-orders', ToolOutlined, { permission: 'policies.manage', built: true, group: 'admin' }),
];

/**
 * Pages inside a capability that need more than its permission, named with the permission the
 * server's routes ask for: the claims page's chargebacks tab (追偿清单) is for supervisors and managers.
 */
export const SUB_PAGE_PERMISSIONS = {
  claimsChargebacks: 'tickets.supervise',
} as const satisfies Record<string, Permission>;

export function capability(key: CapabilityKey): Capability {
  const found = CAPABILITIES.find((c) => c.key === key);
  if (!found) throw new Error(`unknown capability ${key}`);
  return found;
}

/** The capability whose address is the longest prefix of `pathname` (for the selected menu entry). */
export function capabilityAt(pathname: string): Capability | undefined {
  let best: Capability | undefined;
  for (const c of CAPABILITIES) {
    const matches = c.path === '/' ? pathname === '/' : pathname === c.path || pathname.startsWith(`${c.path}/`);
    if (matches && (!best || c.path.length > best.path.length)) best = c;
  }
  return best;
}
