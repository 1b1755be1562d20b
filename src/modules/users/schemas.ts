import Type, { type Static } from 'typebox';
import { DISPLAY_NAME_MAX, EMAIL_MAX, PASSWORD_MAX, PASSWORD_MIN, USERNAME_PATTERN } from '../../domain/limits.js';
import { PERMISSIONS, ROLES } from '../../domain/roles.js';
import { Nullable, PageQuery, Text, Uuid, Version } from '../../http/schemas.js';

export const RoleSchema = Type.Enum(ROLES, { description: 'Role of a person' });
const Username = Type.String({ pattern: USERNAME_PATTERN, description: 'a-z 0-9 . _ -, 3–32 characters' });
const DisplayName = Text({ maxLength: DISPLAY_NAME_MAX });
const Password = Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX });
const Email = Type.String({ format: 'email', maxLength: EMAIL_MAX });

export const User = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  departmentId: Nullable(Uuid),
  departmentName: Nullable(Type.String()),
  email: Nullable(Type.String()),
  active: Type.Boolean(),
  lockedUntil: Nullable(Type.String({ format: 'date-time' })),
  lastSignInAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ description: 'Send it back when changing the user; a stale one gets 409' }),
});
export type User = Static<typeof User>;

export const Me = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  departmentId: Nullable(Uuid),
  departmentName: Nullable(Type.String()),
  permissions: Type.Array(Type.Enum(PERMISSIONS)),
});
export type Me = Static<typeof Me>;

export const UserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 64, description: 'part of username or display name' })),
    role: Type.Optional(RoleSchema),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const UserPage = Type.Object({ items: Type.Array(User), total: Type.Integer() });

export const CreateUserBody = Type.Object(
  {
    username: Username,
    displayName: DisplayName,
    password: Password,
    role: RoleSchema,
    departmentId: Type.Optional(Nullable(Uuid)),
    email: Type.Optional(Nullable(Email)),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    version: Version(),
    displayName: Type.Optional(DisplayName),
    role: Type.Optional(RoleSchema),
    departmentId: Type.Optional(Nullable(Uuid)),
    email: Type.Optional(Nullable(Email)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const ResetPasswordBody = Type.Object({ password: Password }, { additionalProperties: false });

export const Department = Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), kind: Type.String() });
export const DepartmentList = Type.Object({ items: Type.Array(Department) });
