import { LockOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Flex,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableProps,
} from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, isLockedNow } from '../../format';
import { useDocumentTitle, useT } from '../../i18n';
import { roleLabel } from '../../labels';
import { useRequestErrorHandler } from '../../request-error';
import { listDepartments } from '../../services/departments';
import type { User } from '../../services/types';
import { listUsers, unlockUser } from '../../services/users';
import { PAGE_SIZE_MAX, ROLES, type Role } from '../../shared';
import { useRemote } from '../../useRemote';
import { CreateUserModal, EditUserModal, ResetPasswordModal } from './UserModals';

const DEFAULT_PAGE_SIZE = 20;
const PAGE_SIZES = [10, 20, 50, PAGE_SIZE_MAX];

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User };

function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
}

function isRole(value: string | null): value is Role {
  return value !== null && (ROLES as readonly string[]).includes(value);
}

/** Users (admins only): search, filter by role, create, edit, reset passwords, unlock. Filters live in the URL. */
export default function UsersPage() {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const roleParam = params.get('role');
  const role = isRole(roleParam) ? roleParam : undefined;
  const page = positiveInt(params.get('page'), 1);
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE, PAGE_SIZE_MAX);
  const [search, setSearch] = useState(q);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [unlocking, setUnlocking] = useState<string | null>(null);
  useDocumentTitle(t('users.title'));

  useEffect(() => setSearch(q), [q]);

  const users = useRemote(
    (signal) => listUsers({ q: q || undefined, role, page, pageSize }, signal),
    [q, role, page, pageSize],
  );
  const departments = useRemote((signal) => listDepartments(signal), []);

  function setQuery(changes: Record<string, string | number | undefined>) {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(name);
      else next.set(name, String(value));
    }
    // Page 1 and the default page size are the defaults: keep the address short.
    if (next.get('page') === '1') next.delete('page');
    if (next.get('pageSize') === String(DEFAULT_PAGE_SIZE)) next.delete('pageSize');
    setParams(next);
  }

  async function unlock(user: User) {
    setUnlocking(user.id);
    try {
      await unlockUser(user.id);
      void message.success(t('users.unlocked', { username: user.username }));
      users.reload();
    } catch (error) {
      handleError(error);
    } finally {
      setUnlocking(null);
    }
  }

  const columns: TableProps<User>['columns'] = [
    {
      title: t('users.col.username'),
      dataIndex: 'username',
      render: (username: string, user) => (
        <Space size={6}>
          <Typography.Text strong>{username}</Typography.Text>
          {user.id === me.id && <Tag variant="filled">{t('users.you')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.col.displayName'), dataIndex: 'displayName' },
    { title: t('users.col.role'), dataIndex: 'role', render: (value: Role) => roleLabel(t, value) },
    {
      title: t('users.col.department'),
      dataIndex: 'departmentName',
      render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
    },
    {
      title: t('users.col.status'),
      dataIndex: 'active',
      render: (active: boolean) =>
        active ? <Tag color="success">{t('users.status.active')}</Tag> : <Tag>{t('users.status.inactive')}</Tag>,
    },
    {
      title: t('users.col.lockedUntil'),
      dataIndex: 'lockedUntil',
      render: (lockedUntil: string | null) =>
        isLockedNow(lockedUntil) ? (
          <Tag color="error" icon={<LockOutlined />}>
            {formatDateTime(lockedUntil)}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
    {
      title: t('users.col.lastSignIn'),
      dataIndex: 'lastSignInAt',
      render: (at: string | null) =>
        at ? formatDateTime(at) : <Typography.Text type="secondary">{t('users.neverSignedIn')}</Typography.Text>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, user) => (
        <Space size={0} wrap={false}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user })}>
            {t('users.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'password', user })}>
            {t('users.resetPassword')}
          </Button>
          {isLockedNow(user.lockedUntil) && (
            <Popconfirm
              title={t('users.unlockConfirm', { username: user.username })}
              okText={t('users.unlock')}
              cancelText={t('common.cancel')}
              onConfirm={() => unlock(user)}
            >
              <Button type="link" size="small" loading={unlocking === user.id}>
                {t('users.unlock')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  function closeDialog(changed: boolean) {
    setDialog(null);
    if (changed) users.reload();
  }

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: 'create' })}
            data-testid="create-user"
          >
            {t('users.create')}
          </Button>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onSearch={(value) => setQuery({ q: value.trim(), page: 1 })}
            placeholder={t('users.searchPlaceholder')}
            style={{ width: 280 }}
            data-testid="user-search"
          />
          <Select<Role>
            allowClear
            value={role}
            onChange={(value) => setQuery({ role: value, page: 1 })}
            placeholder={t('users.allRoles')}
            options={ROLES.map((value) => ({ value, label: roleLabel(t, value) }))}
            style={{ width: 180 }}
            data-testid="role-filter"
          />
          <Tooltip title={t('common.reload')}>
            <Button icon={<ReloadOutlined />} onClick={users.reload} aria-label={t('common.reload')} />
          </Tooltip>
        </Flex>
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.loading}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (total) => t('common.total', { total }),
          }}
          onChange={(pagination) =>
            setQuery({
              page: pagination.current ?? 1,
              pageSize: pagination.pageSize ?? DEFAULT_PAGE_SIZE,
            })
          }
        />
      </Card>
      {dialog?.kind === 'create' && <CreateUserModal departments={departments.data} onDone={closeDialog} />}
      {dialog?.kind === 'edit' && (
        <EditUserModal user={dialog.user} departments={departments.data} onDone={closeDialog} />
      )}
      {dialog?.kind === 'password' && <ResetPasswordModal user={dialog.user} onDone={closeDialog} />}
    </>
  );
}
