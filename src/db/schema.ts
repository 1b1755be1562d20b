/**
 * Row types of the tables, as Kysely sees them. Written by hand next to the migrations that
 * create them; a migration never imports these (migrations are frozen, see db/migrations).
 */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface DepartmentTable {
  id: Generated<string>;
  code: string;
  name: string;
  kind: string;
  created_at: CreatedAt;
}

export interface UserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  role: string;
  department_id: string | null;
  email: string | null;
  password_hash: string;
  active: Generated<boolean>;
  failed_sign_ins: Generated<number>;
  locked_until: Timestamp | null;
  last_sign_in_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  version: Generated<number>;
}

export interface SessionTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeyTable {
  id: Generated<string>;
  name: string;
  prefix: string;
  key_hash: string;
  role: string;
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor_id: string | null;
  actor_name: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  ip: string | null;
  detail: JSONColumnType<Record<string, unknown>, string, never>;
}

export interface TimeLimitPolicyTable {
  version: number;
  rules: JSONColumnType<Record<string, unknown>, string, never>;
  note: string;
  created_by: string;
  created_at: CreatedAt;
}

type Updatable<T> = ColumnType<T, T | undefined, T>;

export interface ShipmentTable {
  id: Generated<string>;
  waybill_no: string;
  sender_name: Updatable<string | null>;
  sender_phone: Updatable<string | null>;
  sender_address: Updatable<string | null>;
  sender_province: Updatable<string | null>;
  sender_city: Updatable<string | null>;
  sender_district: Updatable<string | null>;
  recipient_name: Updatable<string | null>;
  recipient_phone: Updatable<string | null>;
  recipient_address: Updatable<string | null>;
  recipient_province: Updatable<string | null>;
  recipient_city: Updatable<string | null>;
  recipient_district: Updatable<string | null>;
  product: Generated<string>;
  weight_g: Updatable<number | null>;
  declared_value_fen: Updatable<number | null>;
  insured: Generated<boolean>;
  insurance_fee_fen: Updatable<number | null>;
  freight_fen: Updatable<number | null>;
  payment_term: Updatable<string | null>;
  monthly_account: Updatable<string | null>;
  route_class: Updatable<string | null>;
  policy_version: Updatable<number | null>;
  picked_up_at: Updatable<Date | null>;
  promised_at: Updatable<Date | null>;
  complete_delay_at: Updatable<Date | null>;
  status: Generated<string>;
  sub_status: Generated<string>;
  terminal: Generated<boolean>;
  last_event_time: Updatable<Date | null>;
  last_event_key: Updatable<string | null>;
  last_event_text: Updatable<string | null>;
  last_site: Updatable<string | null>;
  last_area_code: Updatable<string | null>;
  delivered_at: Updatable<Date | null>;
  failed_attempts: Generated<number>;
  damaged_at: Updatable<Date | null>;
  awaiting_pickup_since: Updatable<Date | null>;
  next_check_at: Updatable<Date | null>;
  registered: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface TrackingEventTable {
  waybill_no: string;
  event_time: Date;
  event_key: string;
  status: string;
  sub_status: string;
  site: string | null;
  area_code: string | null;
  courier: string | null;
  raw_text: string;
  source: string;
  received_at: Generated<Date>;
}

export interface ShipmentExceptionTable {
  id: Generated<string>;
  shipment_id: string;
  waybill_no: string;
  kind: string;
  raised_at: Date;
  cleared_at: Updatable<Date | null>;
  site: string | null;
  area_code: string | null;
  detail: JSONColumnType<Record<string, unknown>, string, string>;
}

export interface NotificationTable {
  id: Generated<string>;
  shipment_id: string | null;
  exception_id: string | null;
  channel: string;
  recipient: string;
  locale: string;
  template: string;
  body: string;
  status: Generated<string>;
  attempts: Generated<number>;
  last_error: Updatable<string | null>;
  created_at: CreatedAt;
  sent_at: Updatable<Date | null>;
}

export interface DB {
  departments: DepartmentTable;
  users: UserTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  audit_log: AuditLogTable;
  time_limit_policies: TimeLimitPolicyTable;
  shipments: ShipmentTable;
  tracking_events: TrackingEventTable;
  shipment_exceptions: ShipmentExceptionTable;
  notifications: NotificationTable;
}
