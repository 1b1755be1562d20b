/**
 * Personal data is confidential (docs/product.md §5, 客服用语规范 §二.4-5): names, phones and addresses are
 * masked in every list and response unless the caller's role may see them.
 */

/** 张三 → 张*, 欧阳娜娜 → 欧***, Alice → A**** */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** 13800138000 → 138****8000; other numbers keep their last 4 digits. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 11) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return '*'.repeat(digits.length - 4) + digits.slice(-4);
}

/** Keeps the region the address starts with (up to the district) and hides the street and number. */
export function maskAddress(address: string | null, region: string | null): string | null {
  if (!address) return address;
  const compactRegion = region?.replace(/\s+/g, '') ?? '';
  if (compactRegion && address.startsWith(compactRegion)) return `${compactRegion}****`;
  const prefix = /^(.*?(?:省|自治区|特别行政区|市))?(.*?(?:市|州|盟|地区))?(.*?(?:区|县|旗))?/.exec(address)?.[0] ?? '';
  return `${prefix}****`;
}

/** The last 4 digits of a phone number, for the public check. */
export function lastFourDigits(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}
