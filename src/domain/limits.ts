/**
 * Input limits shared by the server schemas and the console forms: one number, one place.
 */
export const USERNAME_PATTERN = '^[a-z0-9._-]{3,32}$';
export const DISPLAY_NAME_MAX = 64;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
export const EMAIL_MAX = 254;
export const PAGE_SIZE_MAX = 100;
export const API_KEY_NAME_MAX = 64;
/** 运单号: letters, digits and dashes */
export const WAYBILL_PATTERN = '^[A-Za-z0-9-]{6,32}$';
/** Waybills one public tracking lookup may ask for */
export const MAX_PUBLIC_WAYBILLS = 20;
