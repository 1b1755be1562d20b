/**
 * The dialogs of the users page: create a user, edit one (with the version it loaded), reset a
 * password. Each closes itself and tells the page through `onDone` whether the list must reload.
 */
import { Alert, App, Form, Input, Select, Switch, type FormInstance, type SelectProps } from 'antd';
import { FormModal } from '../../components/FormModal';
import { useState } from 'react';
import { ApiError } from '../../api';
import { useMe } from '../../auth';
import { useT, type Translate } from '../../i18n';
import { roleLabel } from '../../labels';
import { useRequestErrorHandler } from '../../request-error';
import type { Department, User } from '../../services/types';
import { createUser, resetPassword, updateUser, type UserChanges } from '../../services/users';
import { PASSWORD_MAX, PASSWORD_MIN, ROLES, USERNAME_MAX, type Role } from '../../shared';
import {
  blankToNull,
  displayNameRules,
  emailRules,
  passwordConfirmRules,
  passwordRules,
  roleRules,
  usernameRules,
} from './rules';

interface ModalProps {
  /** Called once the dialog has closed; `changed` says whether the list must reload. */
  onDone: (changed: boolean) => void;
}

function roleOptions(t: Translate) {
  return ROLES.map((role) => ({ value: role, label: roleLabel(t, role) }));
}

function DepartmentSelect({
  departments,
  ...rest
}: { departments: Department[] | undefined } & Omit<SelectProps<string>, 'options'>) {
  const t = useT();
  return (
    <Select
      {...rest}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={!departments}
      placeholder={t('users.placeholder.department')}
      options={(departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
    />
  );
}

/** Puts a server refusal next to the field it is about, if the form has that field; true if it did. */
function showOnField(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError)) return false;
  const field =
    error.code === 'USER_USERNAME_TAKEN'
      ? 'username'
      : error.code === 'PASSWORD_TOO_WEAK'
        ? 'password'
        : error.code === 'DEPARTMENT_NOT_FOUND'
          ? 'departmentId'
          : null;
  if (!field || !fields.includes(field)) return false;
  form.setFields([{ name: field, errors: [error.message] }]);
  return true;
}

interface CreateValues {
  username: string;
  displayName: string;
  role: Role;
  departmentId?: string | null;
  email?: string;
  password: string;
}

export function CreateUserModal({ departments, onDone }: ModalProps & { departments: Department[] | undefined }) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const [form] = Form.useForm<CreateValues>();
  const [open, setOpen] = useState(true);
  const [saving, setSaving] = useState(false);
  const [changed, setChanged] = useState(false);

  async function submit(values: CreateValues) {
    setSaving(true);
    try {
      const user = await createUser({
        username: values.username,
        displayName: values.displayName.trim(),
        role: values.role,
        departmentId: values.departmentId ?? null,
        email: blankToNull(values.email),
        password: values.password,
      });
      void message.success(t('users.created', { username: user.username }));
      setChanged(true);
      setOpen(false);
    } catch (error) {
      if (!showOnField(form, error, ['username', 'password', 'departmentId'])) handleError(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <FormModal
      open={open}
      title={t('users.createTitle')}
      okText={t('common.create')}
      confirmLoading={saving}
      form={form}
      onClose={() => setOpen(false)}
      afterClose={() => onDone(changed)}
    >
      <Form<CreateValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ role: 'agent' }}
        autoComplete="off"
        data-testid="create-user-form"
      >
        <Form.Item
          name="username"
          label={t('users.field.username')}
          extra={t('users.hint.username')}
          rules={usernameRules(t)}
        >
          <Input autoComplete="off" maxLength={USERNAME_MAX} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.field.displayName')} rules={displayNameRules(t)}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('users.field.role')} rules={roleRules(t)}>
          <Select options={roleOptions(t)} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('users.field.department')}>
          <DepartmentSelect departments={departments} />
        </Form.Item>
        <Form.Item name="email" label={t('users.field.email')} rules={emailRules(t)}>
          <Input type="email" placeholder={t('users.placeholder.email')} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.field.password')}
          extra={t('users.hint.password', { min: PASSWORD_MIN, max: PASSWORD_MAX })}
          dependencies={['username']}
          rules={passwordRules(t, () => form.getFieldValue('username'))}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

interface EditValues {
  displayName: string;
  role: Role;
  departmentId?: string | null;
  email?: string | null;
  active: boolean;
}

/** Only what the form changed, with the version the dialog was opened on. */
function changesOf(user: User, values: EditValues): UserChanges | null {
  const changes: UserChanges = { version: user.version };
  const displayName = values.displayName.trim();
  const departmentId = values.departmentId ?? null;
  const email = blankToNull(values.email);
  if (displayName !== user.displayName) changes.displayName = displayName;
  if (values.role !== user.role) changes.role = values.role;
  if (departmentId !== user.departmentId) changes.departmentId = departmentId;
  if (email !== user.email) changes.email = email;
  if (values.active !== user.active) changes.active = values.active;
  return Object.keys(changes).length > 1 ? changes : null;
}

export function EditUserModal({
  user,
  departments,
  onDone,
}: ModalProps & { user: User; departments: Department[] | undefined }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const [form] = Form.useForm<EditValues>();
  const [open, setOpen] = useState(true);
  const [saving, setSaving] = useState(false);
  const [changed, setChanged] = useState(false);
  // The server refuses to let an administrator disable or demote themselves (USER_SELF_LOCKOUT).
  const isSelf = user.id === me.id;

  async function submit(values: EditValues) {
    const changes = changesOf(user, values);
    if (!changes) {
      void message.info(t('users.unchanged'));
      setOpen(false);
      return;
    }
    setSaving(true);
    try {
      const saved = await updateUser(user.id, changes);
      void message.success(t('users.updated', { username: saved.username }));
      setChanged(true);
      setOpen(false);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT_STALE_VERSION') {
        // Someone else saved first: say so, and show their version instead of overwriting it.
        void message.warning(error.message);
        setChanged(true);
        setOpen(false);
      } else if (!showOnField(form, error, ['departmentId'])) {
        handleError(error);
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <FormModal
      open={open}
      title={t('users.editTitle', { username: user.username })}
      okText={t('common.save')}
      confirmLoading={saving}
      form={form}
      onClose={() => setOpen(false)}
      afterClose={() => onDone(changed)}
    >
      {isSelf && <Alert type="info" showIcon title={t('users.selfHint')} style={{ marginBottom: 16 }} />}
      <Form<EditValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        autoComplete="off"
        initialValues={{
          displayName: user.displayName,
          role: user.role,
          departmentId: user.departmentId ?? undefined,
          email: user.email ?? '',
          active: user.active,
        }}
        data-testid="edit-user-form"
      >
        <Form.Item name="displayName" label={t('users.field.displayName')} rules={displayNameRules(t)}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('users.field.role')} rules={roleRules(t)}>
          <Select options={roleOptions(t)} disabled={isSelf} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('users.field.department')}>
          <DepartmentSelect departments={departments} />
        </Form.Item>
        <Form.Item name="email" label={t('users.field.email')} rules={emailRules(t)}>
          <Input type="email" placeholder={t('users.placeholder.email')} />
        </Form.Item>
        <Form.Item name="active" label={t('users.field.active')} valuePropName="checked">
          <Switch disabled={isSelf} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

interface PasswordValues {
  password: string;
  passwordConfirm: string;
}

export function ResetPasswordModal({ user, onDone }: ModalProps & { user: User }) {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const [form] = Form.useForm<PasswordValues>();
  const [open, setOpen] = useState(true);
  const [saving, setSaving] = useState(false);

  async function submit(values: PasswordValues) {
    setSaving(true);
    try {
      await resetPassword(user.id, values.password);
      void message.success(t('users.passwordReset', { username: user.username }));
      setOpen(false);
    } catch (error) {
      if (!showOnField(form, error, ['password'])) handleError(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <FormModal
      open={open}
      title={t('users.resetTitle', { username: user.username })}
      okText={t('common.save')}
      confirmLoading={saving}
      form={form}
      onClose={() => setOpen(false)}
      afterClose={() => onDone(false)}
    >
      <Alert type="info" showIcon title={t('users.resetHint')} style={{ marginBottom: 16 }} />
      <Form<PasswordValues> form={form} layout="vertical" onFinish={submit} autoComplete="off">
        {/* Lets password managers file the new password under the right account. */}
        <input type="text" name="username" value={user.username} autoComplete="username" readOnly hidden />
        <Form.Item
          name="password"
          label={t('users.field.newPassword')}
          extra={t('users.hint.password', { min: PASSWORD_MIN, max: PASSWORD_MAX })}
          rules={passwordRules(t, () => user.username)}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="passwordConfirm"
          label={t('users.field.passwordConfirm')}
          dependencies={['password']}
          rules={passwordConfirmRules(t, 'password')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
