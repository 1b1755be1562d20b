/** The time-limit policy as the API shows and changes it (the console's types are their static types). */
import Type from 'typebox';
import { INT4_MAX } from '../../domain/limits.js';
import { Text, Version } from '../../http/schemas.js';

export const PolicyRule = Type.Object({ value: Type.Number(), unit: Type.Optional(Type.String()), source: Type.String() }, { additionalProperties: true });
export const TimeLimitPolicy = Type.Object({
  version: Type.Integer(),
  rules: Type.Record(Type.String(), PolicyRule),
  note: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const TimeLimitChange = Type.Object(
  {
    rules: Type.Record(
      Type.String({ pattern: '^[A-Za-z0-9_.]{1,64}$' }),
      Type.Object(
        // Whole numbers within each rule's range are validatePolicy's to say (POLICY_INVALID); here only what fits.
        { value: Type.Number({ exclusiveMinimum: 0, maximum: INT4_MAX }) },
        { additionalProperties: false },
      ),
    ),
    note: Text({ maxLength: 500, description: 'why the policy changes' }),
    baseVersion: Version(
      'The version the change was made from; if another has been saved since, the change is refused (409 CONFLICT_STALE_VERSION) instead of silently undoing it',
    ),
  },
  { additionalProperties: false },
);

export const TimeLimitPolicies = Type.Object({ current: TimeLimitPolicy, history: Type.Array(TimeLimitPolicy) });
