import { ClockCircleOutlined } from '@ant-design/icons';
import { Button, Card, Result, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { capability, type CapabilityKey } from '../../capabilities';
import { useDocumentTitle, useT } from '../../i18n';

/** A capability of docs/product.md that is not built yet: says so plainly, and what it will do. */
export default function NotAvailablePage({ capabilityKey }: { capabilityKey: CapabilityKey }) {
  const t = useT();
  const c = capability(capabilityKey);
  const name = t(c.label);
  useDocumentTitle(name);
  return (
    <Card>
      <Result
        icon={<ClockCircleOutlined />}
        title={t('notAvailable.title')}
        subTitle={
          <div data-testid="not-available" style={{ maxWidth: 560, margin: '0 auto' }}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {name}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t(c.summary)}
            </Typography.Paragraph>
          </div>
        }
        extra={
          <Link to="/">
            <Button>{t('common.backHome')}</Button>
          </Link>
        }
      />
    </Card>
  );
}
