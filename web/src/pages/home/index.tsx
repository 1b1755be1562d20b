import { Button, Card, Col, Descriptions, Flex, Row, Typography, theme } from 'antd';
import { createElement } from 'react';
import { Link } from 'react-router-dom';
import { useAuth, useMe } from '../../auth';
import { CAPABILITIES } from '../../capabilities';
import { useDocumentTitle, useT } from '../../i18n';
import { roleLabel } from '../../labels';

/** Welcome: who you are and what the console offers you today. No figures until there are real ones. */
export default function HomePage() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const { token } = theme.useToken();
  useDocumentTitle(t('nav.home'));

  const usable = CAPABILITIES.filter((c) => c.key !== 'home' && can(c.permission));
  const available = usable.filter((c) => c.built);
  const planned = usable.filter((c) => !c.built);

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={10}>
        <Card title={t('home.greeting', { name: me.displayName })} data-testid="welcome">
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'username', label: t('home.username'), children: me.username },
              { key: 'role', label: t('home.role'), children: roleLabel(t, me.role) },
              {
                key: 'department',
                label: t('home.department'),
                children: me.departmentName ?? (
                  <Typography.Text type="secondary">{t('home.noDepartment')}</Typography.Text>
                ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card title={t('home.availableTitle')}>
          {available.length === 0 ? (
            <Typography.Text type="secondary">{t('home.nothingAvailable')}</Typography.Text>
          ) : (
            <Flex vertical gap={16}>
              {available.map((c) => (
                <Flex key={c.key} gap={16} align="flex-start">
                  <span style={{ fontSize: 20, lineHeight: '22px', color: token.colorPrimary }}>
                    {createElement(c.icon)}
                  </span>
                  <div style={{ flex: 1 }}>
                    <Link to={c.path} style={{ fontWeight: 500 }}>
                      {t(c.label)}
                    </Link>
                    <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                      {t(c.summary)}
                    </Typography.Paragraph>
                  </div>
                  <Link to={c.path}>
                    <Button size="small">{t('home.open')}</Button>
                  </Link>
                </Flex>
              ))}
            </Flex>
          )}
        </Card>
        {planned.length > 0 && (
          <Card title={t('home.plannedTitle')} style={{ marginTop: 24 }}>
            <Typography.Paragraph type="secondary">{t('home.plannedHint')}</Typography.Paragraph>
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              {planned.map((c) => t(c.label)).join(t('home.listSeparator'))}
            </Typography.Paragraph>
          </Card>
        )}
      </Col>
    </Row>
  );
}
