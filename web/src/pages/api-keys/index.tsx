import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Switch, Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { useDocumentTitle, useT } from '../../i18n';
import { roleLabel } from '../../labels';
import { useRequestErrorHandler } from '../../request-error';
import { listApiKeys, revokeApiKey } from '../../services/api-keys';
import type { ApiKey, IssuedApiKey } from '../../services/types';
import { useRemote } from '../../useRemote';
import { IssueKeyModal, SecretModal } from './ApiKeyModals';

type Dialog = { kind: 'issue' } | { kind: 'secret'; issued: IssuedApiKey };

/**
 * API keys (admins only): keys for scanners, order systems and other machine clients. Issue one
 * (its secret is shown once), see when each was last used, revoke. Revoked keys stay listed for
 * the record, hidden unless asked for (`?revoked=1`).
 */
export default function ApiKeysPage() {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const [params, setParams] = useSearchParams();
  const showRevoked = params.get('revoked') === '1';
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  useDocumentTitle(t('apiKeys.title'));

  const keys = useRemote((signal) => listApiKeys(signal), []);
  const all = keys.data?.items ?? [];
  const shown = showRevoked ? all : all.filter((key) => key.revokedAt === null);

  function setShowRevoked(show: boolean) {
    const next = new URLSearchParams(params);
    if (show) next.set('revoked', '1');
    else next.delete('revoked');
    setParams(next);
  }

  async function revoke(key: ApiKey) {
    setRevoking(key.id);
    try {
      await revokeApiKey(key.id);
      void message.success(t('apiKeys.revoked', { name: key.name }));
    } catch (error) {
      handleError(error);
    } finally {
      setRevoking(null);
      // Also after a refusal: another admin may have revoked it first.
      keys.reload();
    }
  }

  const columns: TableProps<ApiKey>['columns'] = [
    {
      title: t('apiKeys.col.name'),
      dataIndex: 'name',
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      title: t('apiKeys.col.prefix'),
      dataIndex: 'prefix',
      render: (prefix: string) => <Typography.Text code>{`${prefix}…`}</Typography.Text>,
    },
    { title: t('apiKeys.col.role'), dataIndex: 'role', render: (role: ApiKey['role']) => roleLabel(t, role) },
    { title: t('apiKeys.col.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at) },
    {
      title: t('apiKeys.col.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      // Recorded at most once a minute per key and server process (src/http/api-key-use.ts).
      render: (at: string | null) =>
        at ? formatDateTime(at) : <Typography.Text type="secondary">{t('apiKeys.neverUsed')}</Typography.Text>,
    },
    {
      title: t('apiKeys.col.status'),
      dataIndex: 'revokedAt',
      render: (revokedAt: string | null) =>
        revokedAt ? (
          <Tag>{t('apiKeys.status.revoked', { at: formatDateTime(revokedAt) })}</Tag>
        ) : (
          <Tag color="success">{t('apiKeys.status.active')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      // A revoked key stays revoked: nothing to do with it.
      render: (_, key) =>
        key.revokedAt === null && (
          <Popconfirm
            title={t('apiKeys.revokeConfirm', { name: key.name })}
            description={t('apiKeys.revokeHint')}
            okText={t('apiKeys.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke(key)}
          >
            <Button type="link" size="small" danger loading={revoking === key.id} data-testid="revoke-key">
              {t('apiKeys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  function issued(result: IssuedApiKey | null) {
    if (!result) {
      setDialog(null);
      return;
    }
    setDialog({ kind: 'secret', issued: result });
    keys.reload();
  }

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        subtitle={t('apiKeys.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'issue' })} data-testid="issue-key">
            {t('apiKeys.issue')}
          </Button>
        }
      />
      <Card>
        <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
          <Switch id="api-keys-show-revoked" checked={showRevoked} onChange={setShowRevoked} data-testid="show-revoked" />
          {/* The label toggles the switch too. */}
          <label htmlFor="api-keys-show-revoked" style={{ cursor: 'pointer' }} data-testid="show-revoked-label">
            <Typography.Text>{t('apiKeys.showRevoked')}</Typography.Text>
          </label>
          <Tooltip title={t('common.reload')}>
            <Button icon={<ReloadOutlined />} onClick={keys.reload} aria-label={t('common.reload')} />
          </Tooltip>
        </Flex>
        <Table<ApiKey>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={shown}
          loading={keys.loading}
          scroll={{ x: 'max-content' }}
          // Only revoked keys, hidden: say so, and where to find them.
          locale={{ emptyText: t(!showRevoked && all.length > 0 ? 'apiKeys.emptyActive' : 'apiKeys.empty') }}
          // Revoked keys are kept for the record, greyed so the live ones stand out.
          onRow={(key) => ({ style: key.revokedAt ? { opacity: 0.55 } : undefined })}
          pagination={{ hideOnSinglePage: true, defaultPageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        />
      </Card>
      {dialog?.kind === 'issue' && <IssueKeyModal onDone={issued} />}
      {dialog?.kind === 'secret' && <SecretModal issued={dialog.issued} onClose={() => setDialog(null)} />}
    </>
  );
}
