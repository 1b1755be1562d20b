import { LogoutOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import {
  Avatar,
  Breadcrumb,
  Button,
  Flex,
  Layout,
  Menu,
  Result,
  Spin,
  Tag,
  Tooltip,
  Typography,
  theme,
  type MenuProps,
} from 'antd';
import { createElement, Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../../auth';
import { CAPABILITIES, capabilityAt, type Capability } from '../../capabilities';
import { LocaleSwitch } from '../../components/LocaleSwitch';
import { TimeZoneHint } from '../../components/TimeZoneHint';
import { useDocumentTitle, useT, type Translate } from '../../i18n';
import { roleLabel } from '../../labels';
import { useRequestErrorHandler } from '../../request-error';

const ADMIN_GROUP = 'group:admin';

function menuItem(c: Capability, t: Translate, collapsed: boolean): NonNullable<MenuProps['items']>[number] {
  return {
    key: c.path,
    icon: createElement(c.icon),
    label: t(c.label),
    // Says plainly which entries only lead to a "not available yet" page.
    extra: !c.built && !collapsed ? <span style={{ fontSize: 12, opacity: 0.55 }}>{t('nav.notYet')}</span> : undefined,
  };
}

/** The console frame: menu of every capability the user's role may use, header with who is signed in. */
export default function ConsoleLayout() {
  const t = useT();
  const me = useMe();
  const { can, signOut } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const handleError = useRequestErrorHandler();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  const [signingOut, setSigningOut] = useState(false);

  const current = capabilityAt(location.pathname);
  const items = useMemo<MenuProps['items']>(() => {
    const visible = CAPABILITIES.filter((c) => can(c.permission));
    const work = visible.filter((c) => c.group === 'work').map((c) => menuItem(c, t, collapsed));
    const admin = visible.filter((c) => c.group === 'admin').map((c) => menuItem(c, t, collapsed));
    if (admin.length === 0) return work;
    return [
      ...work,
      { key: ADMIN_GROUP, icon: <SettingOutlined />, label: t('nav.admin'), children: admin },
    ];
  }, [can, t, collapsed]);
  // The administration group starts open: it is short, and its entries are what admins come for.
  const [openKeys, setOpenKeys] = useState<string[]>([ADMIN_GROUP]);

  if (!can('console.use')) return <NoConsoleAccess />;

  async function onSignOut() {
    setSigningOut(true);
    try {
      await signOut();
      void navigate('/login', { replace: true });
    } catch (error) {
      handleError(error);
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={264}
        breakpoint="lg"
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <Flex
          align="center"
          gap={10}
          style={{ height: 64, padding: collapsed ? '0 24px' : '0 20px', color: '#fff', whiteSpace: 'nowrap' }}
        >
          <img src="/favicon.svg" alt="" width={28} height={28} />
          {!collapsed && (
            <Typography.Text strong style={{ color: '#fff', fontSize: 16 }}>
              {t('app.shortName')}
            </Typography.Text>
          )}
        </Flex>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={current ? [current.path] : []}
          openKeys={collapsed ? undefined : openKeys}
          onOpenChange={setOpenKeys}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Flex justify="space-between" align="center" style={{ height: '100%' }}>
            <Breadcrumb
              items={
                current
                  ? [
                      ...(current.group === 'admin' ? [{ title: t('nav.admin') }] : []),
                      { title: t(current.label) },
                    ]
                  : [{ title: t('app.name') }]
              }
            />
            <Flex align="center" gap={12}>
              <TimeZoneHint />
              <Tooltip title={t('layout.currentRole', { role: roleLabel(t, me.role) })}>
                <Flex align="center" gap={8}>
                  <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: token.colorPrimary }} />
                  <Typography.Text data-testid="current-user">{me.displayName}</Typography.Text>
                  <Tag color="blue" style={{ marginInlineEnd: 0 }} data-testid="current-role">
                    {roleLabel(t, me.role)}
                  </Tag>
                </Flex>
              </Tooltip>
              <LocaleSwitch />
              <Button
                type="text"
                icon={<LogoutOutlined />}
                loading={signingOut}
                onClick={onSignOut}
                data-testid="sign-out"
              >
                {t('common.signOut')}
              </Button>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Suspense
            fallback={
              <Flex justify="center" style={{ padding: 64 }}>
                <Spin />
              </Flex>
            }
          >
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** A signed-in account whose role has no console access at all (e.g. a machine role). */
function NoConsoleAccess() {
  const t = useT();
  const { signOut } = useAuth();
  useDocumentTitle(t('forbidden.title'));
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Result
        status="403"
        title={t('forbidden.title')}
        subTitle={t('forbidden.console')}
        extra={<Button onClick={() => void signOut()}>{t('common.signOut')}</Button>}
      />
    </Flex>
  );
}
