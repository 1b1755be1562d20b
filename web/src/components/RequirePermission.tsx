import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth';
import { capability, type CapabilityKey } from '../capabilities';
import { useDocumentTitle, useT } from '../i18n';

/** 403 page: the capability exists but the user's role may not use it. */
export function Forbidden({ capabilityKey }: { capabilityKey: CapabilityKey }) {
  const t = useT();
  const { me } = useAuth();
  const name = t(capability(capabilityKey).label);
  useDocumentTitle(t('forbidden.title'));
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={t('forbidden.subtitle', { role: me ? t(`role.${me.role}`) : '', name })}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** Shows the page only to users whose permissions include the capability's; others get a 403. */
export function RequirePermission({ capabilityKey, children }: { capabilityKey: CapabilityKey; children: ReactNode }) {
  const { can } = useAuth();
  if (!can(capability(capabilityKey).permission)) return <Forbidden capabilityKey={capabilityKey} />;
  return <>{children}</>;
}
