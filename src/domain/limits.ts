/**
 * Input limits shared by the server schemas and the console forms: one number, one place.
 */
/** Text people type (a subject, a reply, a name) holds at least one non-space character: "   " is not an answer. */
export const NOT_BLANK_PATTERN = '\\S';
export const USERNAME_MAX = 32;
export const USERNAME_PATTERN = `^[a-z0-9._-]{3,${USERNAME_MAX}}$`;
export const DISPLAY_NAME_MAX = 64;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
export const EMAIL_MAX = 254;
export const PAGE_SIZE_MAX = 100;
/**
 * PostgreSQL `integer` (int4), the column type of every version, count and amount we store: a
 * number beyond it is refused at the edge (400), not by the database (500).
 */
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;
export const API_KEY_NAME_MAX = 64;
/** 运单号: letters, digits and dashes */
export const WAYBILL_PATTERN = '^[A-Za-z0-9-]{6,32}$';
/** Waybills one public tracking lookup may ask for */
export const MAX_PUBLIC_WAYBILLS = 20;
/**
 * Longest entry a public tracking lookup takes as typed. Anything shorter that is not a waybill
 * number is answered as such, per entry; only a longer one refuses the whole lookup.
 */
export const PUBLIC_WAYBILL_INPUT_MAX = 64;

// Reference data admins edit (modules/reference): ticket codes, phrases, calendar days.
/** 工单分类/原因代码: lower-case snake_case, stable once used */
export const TICKET_CODE_MAX = 40;
export const TICKET_CODE_PATTERN = `^[a-z][a-z0-9_]{1,${TICKET_CODE_MAX - 1}}$`;
export const TICKET_CODE_NAME_MAX = 40;
export const PHRASE_TITLE_MAX = 40;
export const FORBIDDEN_PHRASE_MAX = 100;
/** Longest reply the live phrase check accepts */
export const PHRASE_CHECK_TEXT_MAX = 10_000;
export const CALENDAR_DAY_NAME_MAX = 40;
export const REFERENCE_SOURCE_MAX = 200;
export const POLICY_NOTE_MIN = 2;
export const POLICY_NOTE_MAX = 500;

// Ticket attachments (damage photos, signed delivery slips): modules/attachments, web Attachments.tsx.
/** Largest attachment, bytes (10 MiB: a phone photo or a scanned slip fits well). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Types accepted, as sniffed from the bytes (never the declared Content-Type or file name). */
export const ATTACHMENT_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'application/pdf'] as const;
/** What the upload picker offers; the server decides by content all the same. */
export const ATTACHMENT_ACCEPT = '.jpg,.jpeg,.png,.webp,.heic,.heif,.pdf,image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf';
/** Longest stored file name, in characters. */
export const ATTACHMENT_FILE_NAME_MAX = 120;

// Tickets: what a person types, the same numbers in the API's schemas and the console's forms.
export const TICKET_SUBJECT_MAX = 120;
/** a description, a reply, a contact's question and answer, a note */
export const TICKET_TEXT_MAX = 10_000;
export const CUSTOMER_NAME_MAX = 64;
/** a status change's or callback's note */
export const TICKET_NOTE_MAX = 2000;
/** why a ticket was transferred, escalated, closed or reopened */
export const TICKET_REASON_MIN = 2;
export const TICKET_REASON_MAX = 500;
/** a question to a department and its reply */
export const DEPARTMENT_TEXT_MAX = 4000;
export const TICKET_SEARCH_MAX = 100;
/** open tickets an agent on duty takes before the router passes them by */
export const DUTY_CAPACITY_MAX = 500;
/** tickets a supervisor moves in one step (a board's page of them) */
export const BULK_ASSIGN_MAX = 50;
/** the customer's own words on the self-service page */
export const PUBLIC_TEXT_MIN = 5;
export const PUBLIC_TEXT_MAX = 4000;
export const RATING_REASON_MAX = 500;
/** a reference list's position (codes, phrases) */
export const SORT_MAX = 100_000;
