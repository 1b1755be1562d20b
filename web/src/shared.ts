/**
 * Rules the console shares with the server, imported from the server's domain so there is one
 * number in one place (STYLE.md: "limits shared by server and web"). These files are pure: no I/O,
 * no Node APIs, safe to bundle.
 */
export { ROLES, PERMISSIONS, type Role, type Permission } from '../../src/domain/roles';
export {
  USERNAME_PATTERN,
  DISPLAY_NAME_MAX,
  PASSWORD_MIN,
  PASSWORD_MAX,
  EMAIL_MAX,
  PAGE_SIZE_MAX,
  MAX_PUBLIC_WAYBILLS,
  WAYBILL_PATTERN,
} from '../../src/domain/limits';
export { STATUS_LIST } from '../../src/domain/tracking/vocabulary';
export type { ExceptionKind } from '../../src/domain/tracking/exceptions';
export {
  TIME_LIMIT_RULES,
  TIME_LIMIT_RULE_KEYS,
  type TimeLimitRuleKey,
} from '../../src/domain/time-limits/policy';
