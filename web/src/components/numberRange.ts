/**
 * A number field's range as a form rule, not as InputNumber's min/max: those clamp on blur, so a
 * mistyped 99999999999999 silently became the maximum and was saved. Out of range, the field now
 * says so and keeps what was typed.
 */
import type { Rule } from 'antd/es/form';
import type { Translate } from '../i18n';

export function numberRange(t: Translate, min: number, max: number): Rule {
  return { type: 'number', min, max, message: t('common.numberRange', { min: min.toLocaleString(), max: max.toLocaleString() }) };
}
