/**
 * Form rules that mirror the server's (src/domain/limits.ts): the same numbers, so the user hears
 * about a mistake before the request is sent. The server still checks everything.
 */
import type { FormRule } from 'antd';
import type { Translate } from '../../i18n';
import { DISPLAY_NAME_MAX, EMAIL_MAX, PASSWORD_MAX, PASSWORD_MIN, USERNAME_PATTERN } from '../../shared';

const usernamePattern = new RegExp(USERNAME_PATTERN);

export function usernameRules(t: Translate): FormRule[] {
  return [
    { required: true, message: t('users.v.usernameRequired') },
    { pattern: usernamePattern, message: t('users.v.usernamePattern') },
  ];
}

export function displayNameRules(t: Translate): FormRule[] {
  return [
    { required: true, whitespace: true, message: t('users.v.displayNameRequired') },
    { max: DISPLAY_NAME_MAX, message: t('users.v.displayNameLength', { max: DISPLAY_NAME_MAX }) },
  ];
}

export function roleRules(t: Translate): FormRule[] {
  return [{ required: true, message: t('users.v.roleRequired') }];
}

export function emailRules(t: Translate): FormRule[] {
  return [{ type: 'email', max: EMAIL_MAX, message: t('users.v.emailInvalid') }];
}

/** `username` is the account's: the server refuses a password that contains it (any case). */
export function passwordRules(t: Translate, username: () => string | undefined): FormRule[] {
  return [
    { required: true, message: t('users.v.passwordRequired') },
    {
      min: PASSWORD_MIN,
      max: PASSWORD_MAX,
      message: t('users.v.passwordLength', { min: PASSWORD_MIN, max: PASSWORD_MAX }),
    },
    {
      validator: async (_rule, value: unknown) => {
        const name = username();
        if (typeof value === 'string' && name && value.toLowerCase().includes(name.toLowerCase())) {
          throw new Error(t('users.v.passwordContainsUsername'));
        }
      },
    },
  ];
}

export function passwordConfirmRules(t: Translate, passwordField: string): FormRule[] {
  return [
    { required: true, message: t('users.v.passwordRequired') },
    ({ getFieldValue }) => ({
      validator: async (_rule, value: unknown) => {
        if (value && value !== getFieldValue(passwordField)) throw new Error(t('users.v.passwordMismatch'));
      },
    }),
  ];
}

/** '' from an emptied input means "none". */
export function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
