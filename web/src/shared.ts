/**
 * Rules the console shares with the server, imported from the server's domain so there is one
 * number in one place (STYLE.md: "limits shared by server and web"). Both files are pure: no I/O,
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
} from '../../src/domain/limits';
