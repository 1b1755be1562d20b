/**
 * The frame of the customer self-service pages: no sign-in, outside the console, the product's
 * name, a link to parcel tracking and the language switch (as on /track).
 */
import { SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Grid, Layout, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { LocaleSwitch } from '../../components/LocaleSwitch';
import { useT } from '../../i18n';

export const PUBLIC_PAGE_WIDTH = 960;

export function PublicFrame({ children }: { children: ReactNode }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  // Narrow phones: the logo stands for the product, the buttons keep their words.
  const narrow = !screens.sm;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: '#fff',
          padding: narrow ? '0 12px' : '0 24px',
          borderBottom: '1px solid rgba(5, 5, 5, 0.06)',
        }}
      >
        <Flex
          justify="space-between"
          align="center"
          gap={8}
          style={{ height: '100%', maxWidth: PUBLIC_PAGE_WIDTH, margin: '0 auto' }}
        >
          <Link to="/service" style={{ display: 'flex', alignItems: 'center', gap: 10, color: 'inherit' }}>
            <img src="/favicon.svg" alt={narrow ? t('app.name') : ''} width={28} height={28} />
            {!narrow && (
              <Typography.Text strong style={{ fontSize: 16 }} data-testid="service-product-name">
                {t('app.name')}
              </Typography.Text>
            )}
          </Link>
          <Flex align="center" gap={0}>
            <Link to="/track">
              <Button type="text" icon={<SearchOutlined />}>
                {t('selfService.trackLink')}
              </Button>
            </Link>
            <LocaleSwitch />
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: narrow ? '16px 12px 48px' : '24px 16px 64px' }}>
        <Flex vertical gap={16} style={{ maxWidth: PUBLIC_PAGE_WIDTH, margin: '0 auto' }}>
          {children}
        </Flex>
      </Layout.Content>
    </Layout>
  );
}
