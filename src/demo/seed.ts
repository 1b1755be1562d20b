/**
 * The demo company: departments and one person per role, so a newcomer can sign in at once.
 * Created only when the database has no users yet; the README lists these accounts.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Role } from '../domain/roles.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { recordAuditEntry } from '../modules/audit/service.js';

export const DEMO_PASSWORD = 'ParcelDesk#2026';

const DEPARTMENTS = [
  { code: 'CS-CALL', name: '客服呼叫中心', kind: 'service' },
  { code: 'CS-FRONT', name: '前台服务组', kind: 'service' },
  { code: 'CS-KA', name: '大客户服务部', kind: 'key_accounts' },
  { code: 'CS-MGMT', name: '客服管理部', kind: 'management' },
  { code: 'OPS', name: '运营部', kind: 'operations' },
  { code: 'STN-SH-PD', name: '上海浦东营业站', kind: 'station' },
  { code: 'HUB-SH', name: '上海转运中心', kind: 'warehouse' },
  { code: 'FIN', name: '财务部', kind: 'finance' },
  { code: 'CLAIMS', name: '理赔组', kind: 'claims' },
  { code: 'IT', name: '信息技术部', kind: 'management' },
] as const;

type DepartmentCode = (typeof DEPARTMENTS)[number]['code'];

export const DEMO_USERS: { username: string; displayName: string; role: Role; department: DepartmentCode }[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', department: 'IT' },
  { username: 'agent01', displayName: '王晓敏', role: 'agent', department: 'CS-CALL' },
  { username: 'agent02', displayName: '赵丽', role: 'agent', department: 'CS-FRONT' },
  { username: 'supervisor01', displayName: '李建国', role: 'supervisor', department: 'CS-CALL' },
  { username: 'ops01', displayName: '张伟', role: 'department', department: 'OPS' },
  { username: 'kam01', displayName: '陈静', role: 'account_manager', department: 'CS-KA' },
  { username: 'manager01', displayName: '刘洋', role: 'manager', department: 'CS-MGMT' },
];

/** Creates the demo company if the database has nobody in it; says whether it did. */
export async function seedDemoCompany(db: Kysely<DB>): Promise<boolean> {
  const anyone = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyone) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const departments = await trx.insertInto('departments').values([...DEPARTMENTS]).returning(['id', 'code']).execute();
    const idOf = new Map(departments.map((d) => [d.code, d.id]));
    await trx
      .insertInto('users')
      .values(
        DEMO_USERS.map((u) => ({
          username: u.username,
          display_name: u.displayName,
          role: u.role,
          department_id: idOf.get(u.department) ?? null,
          password_hash: passwordHash,
        })),
      )
      .execute();
    // The demo agents are on duty, so tickets the system and customers open are routed to them.
    const agents = await trx.selectFrom('users').select('id').where('role', '=', 'agent').execute();
    if (agents.length) await trx.insertInto('agent_duty').values(agents.map((a) => ({ user_id: a.id, on_duty: true, capacity: 30 }))).execute();
    await recordAuditEntry(trx, {
      actorId: null,
      actorName: 'system',
      action: 'demo.seed',
      detail: { departments: DEPARTMENTS.length, users: DEMO_USERS.length },
    });
  });
  return true;
}
