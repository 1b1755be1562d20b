import { LockOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Layout, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api';
import { FullPageSpin, useAuth, type LoginLocationState } from '../../auth';
import { LocaleSwitch } from '../../components/LocaleSwitch';
import { useDocumentTitle, useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';

interface Credentials {
  username: string;
  password: string;
}

function targetAfterSignIn(state: unknown): string {
  const from = (state as LoginLocationState | null)?.from;
  if (!from || from.pathname === '/login') return '/';
  return `${from.pathname}${from.search}${from.hash}`;
}

export default function LoginPage() {
  const t = useT();
  const { me, ready, requireSession, signIn } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const handleError = useRequestErrorHandler();
  const [submitting, setSubmitting] = useState(false);
  // The server's own words: wrong password, locked until …, too many attempts.
  const [failure, setFailure] = useState<string | null>(null);
  useDocumentTitle(t('login.pageTitle'));
  useEffect(requireSession, [requireSession]);

  // Wait for /api/auth/me: someone still signed in goes straight on instead of seeing the form.
  if (!ready) return <FullPageSpin />;
  if (me) return <Navigate to={targetAfterSignIn(location.state)} replace />;

  async function submit({ username, password }: Credentials) {
    setSubmitting(true);
    setFailure(null);
    try {
      await signIn(username.trim(), password);
      void navigate(targetAfterSignIn(location.state), { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) setFailure(error.message);
      else handleError(error);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Layout style={{ minHeight: '100vh', background: 'linear-gradient(180deg, #e6f4ff 0%, #f5f5f5 45%)' }}>
      <Flex justify="flex-end" style={{ padding: '16px 24px' }}>
        <LocaleSwitch />
      </Flex>
      <Flex vertical align="center" justify="center" style={{ flex: 1, padding: '0 16px 96px' }}>
        <Flex vertical align="center" style={{ marginBottom: 24, textAlign: 'center' }}>
          <img src="/favicon.svg" alt="" width={48} height={48} style={{ marginBottom: 12 }} />
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ marginTop: 8 }}>
            {t('app.tagline')}
          </Typography.Text>
        </Flex>
        <Card style={{ width: '100%', maxWidth: 380 }} title={t('login.heading')}>
          {failure && (
            <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="login-error" />
          )}
          <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false} autoComplete="on">
            <Form.Item
              label={t('login.username')}
              name="username"
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input id="username" prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item
              label={t('login.password')}
              name="password"
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password id="password" prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
        <Link to="/track" style={{ marginTop: 16 }} data-testid="login-track-link">
          <Button type="link" icon={<SearchOutlined />}>
            {t('login.trackLink')}
          </Button>
        </Link>
        <Typography.Text type="secondary" style={{ marginTop: 8, fontSize: 12, textAlign: 'center' }}>
          {t('login.footer')}
        </Typography.Text>
      </Flex>
    </Layout>
  );
}
