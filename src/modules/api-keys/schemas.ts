import Type from 'typebox';
import { API_KEY_NAME_MAX } from '../../domain/limits.js';
import { MACHINE_ROLES, ROLES } from '../../domain/roles.js';
import { Nullable, Text, Uuid } from '../../http/schemas.js';

const KeyRole = Type.Enum([...MACHINE_ROLES, ...ROLES], {
  description: 'What the key may do: integration for scanners and carrier feeds, or a staff role',
});

export const ApiKey = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the key, to recognise it' }),
  role: KeyRole,
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Nullable(Type.String({ format: 'date-time' })),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
});

export const ApiKeyList = Type.Object({ items: Type.Array(ApiKey) });

export const CreateApiKeyBody = Type.Object(
  { name: Text({ maxLength: API_KEY_NAME_MAX }), role: KeyRole },
  { additionalProperties: false },
);

export const CreatedApiKey = Type.Object({
  apiKey: ApiKey,
  key: Type.String({ description: 'The secret, shown only this once: Authorization: Bearer <key>' }),
});
