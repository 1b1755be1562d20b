/** What several customer use cases share: who the author is, and turning input into checked row values. */
import type { Static } from 'typebox';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { checkCreditCode } from '../../../domain/customers/credit-code.js';
import { callbackWindowValid } from '../../../domain/customers/profile.js';
import { AppError } from '../../../domain/errors.js';
import { parseAddress, regionOf } from '../../../domain/regions/index.js';
import type { UserActor } from '../access.js';
import { activeAccountManager, customerWithCreditCode, customerWithPhone, type AddressValues, type ContactValues, type ProfileValues } from '../repository.js';
import type { AddressInput, ContactInput, CustomerEdit } from '../schemas.js';

export type Deps = { db: Kysely<DB> };

export function author(actor: UserActor) {
  return { id: actor.id, name: actor.displayName };
}

export function digitsOf(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  return digits.length ? digits : null;
}

type ProfileInput = Omit<Static<typeof CustomerEdit>, 'version'>;

/**
 * The profile columns a request sets (only the fields it carries), checked: the credit code by its
 * check character, the phone and the code unused by another customer, the account manager one.
 */
export async function profileValues(trx: Transaction<DB>, input: ProfileInput, selfId: string | null): Promise<ProfileValues> {
  const v: ProfileValues = {};
  if (input.name !== undefined) v.name = input.name.trim();
  if (input.kind !== undefined) v.kind = input.kind;
  if (input.phone !== undefined) {
    v.phone = digitsOf(input.phone);
    if (v.phone) {
      const owner = await customerWithPhone(trx, v.phone);
      if (owner && owner.id !== selfId) throw new AppError('CUSTOMER_PHONE_TAKEN');
    }
  }
  if (input.creditCode !== undefined) {
    if (input.creditCode === null || input.creditCode.trim() === '') v.credit_code = null;
    else {
      const checked = checkCreditCode(input.creditCode);
      if (!checked.ok) throw new AppError('CUSTOMER_CREDIT_CODE_INVALID', { problem: checked.problem });
      const owner = await customerWithCreditCode(trx, checked.code);
      if (owner && owner.id !== selfId) throw new AppError('CUSTOMER_CREDIT_CODE_TAKEN');
      v.credit_code = checked.code;
    }
  }
  const text = (s: string | null | undefined) => (s === undefined ? undefined : s?.trim() || null);
  if (input.industry !== undefined) v.industry = text(input.industry)!;
  if (input.companyNature !== undefined) v.company_nature = input.companyNature;
  if (input.headcount !== undefined) v.headcount = input.headcount;
  if (input.coverageArea !== undefined) v.coverage_area = text(input.coverageArea)!;
  if (input.businessStatus !== undefined) v.business_status = input.businessStatus;
  if (input.creditRating !== undefined) v.credit_rating = input.creditRating;
  if (input.creditLimitFen !== undefined) v.credit_limit_fen = input.creditLimitFen;
  if (input.note !== undefined) v.note = input.note.trim();
  if (input.accountManagerId !== undefined) {
    if (input.accountManagerId !== null && !(await activeAccountManager(trx, input.accountManagerId))) throw new AppError('CUSTOMER_ACCOUNT_MANAGER_INVALID');
    v.account_manager_id = input.accountManagerId;
  }
  return v;
}

export function contactValues(input: Static<typeof ContactInput>): ContactValues {
  const windows = input.callbackWindows ?? [];
  if (!windows.every(callbackWindowValid)) throw new AppError('CUSTOMER_CALLBACK_WINDOW_INVALID');
  return {
    name: input.name.trim(),
    role: input.role?.trim() ?? '',
    phones: [...new Set((input.phones ?? []).map(digitsOf).filter((p): p is string => p !== null))],
    email: input.email?.trim() || null,
    wechat: input.wechat?.trim() || null,
    callback_windows: windows,
    note: input.note?.trim() ?? '',
  };
}

/** An address with its GB/T 2260 codes: given ones must exist, else they are read from the text as for shipments. */
export function addressValues(input: Static<typeof AddressInput>): AddressValues {
  let province = input.provinceCode ?? null;
  let city = input.cityCode ?? null;
  let district = input.districtCode ?? null;
  if (province) {
    for (const code of [province, city, district]) if (code && !regionOf(code)) throw new AppError('CUSTOMER_ADDRESS_REGION_UNKNOWN');
  } else {
    const parsed = parseAddress(input.address);
    province = parsed?.provinceCode ?? null;
    city = parsed?.cityCode ?? null;
    district = parsed?.districtCode ?? null;
  }
  if (!province) throw new AppError('CUSTOMER_ADDRESS_REGION_UNKNOWN');
  return {
    kind: input.kind,
    address: input.address.trim(),
    province,
    city,
    district,
    contact_name: input.contactName?.trim() || null,
    contact_phone: digitsOf(input.contactPhone),
  };
}

/** Names of the profile fields a change set, for the timeline and the audit (never their values). */
export function changedFields(values: ProfileValues): string[] {
  return Object.keys(values);
}
