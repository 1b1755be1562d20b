/**
 * The dialogs of the API keys page: issue a key, then show its secret — once. The server keeps
 * only a digest, so the second dialog is the only place the secret ever appears.
 */
import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Typography, type FormRule } from 'antd';
import { useRef, useState } from 'react';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { useT, type Translate } from '../../i18n';
import { roleLabel } from '../../labels';
import { issueApiKey } from '../../services/api-keys';
import type { IssuedApiKey } from '../../services/types';
import { API_KEY_NAME_MAX, MACHINE_ROLES, permissionsOf, ROLES, type AnyRole } from '../../shared';

/** Machine role first: scanners and feeds are what keys are for; a staff role is the exception. */
const KEY_ROLES: readonly AnyRole[] = [...MACHINE_ROLES, ...ROLES];

function isMachineRole(role: AnyRole | undefined): boolean {
  return (MACHINE_ROLES as readonly string[]).includes(role ?? '');
}

function nameRules(t: Translate): FormRule[] {
  return [
    { required: true, whitespace: true, message: t('apiKeys.v.nameRequired') },
    { max: API_KEY_NAME_MAX, message: t('apiKeys.v.nameLength', { max: API_KEY_NAME_MAX }) },
  ];
}

interface IssueValues {
  name: string;
  role: AnyRole;
}

/** Issues a key; `onDone` hears the issued key (with its secret), or null if nothing was issued. */
export function IssueKeyModal({ onDone }: { onDone: (issued: IssuedApiKey | null) => void }) {
  const t = useT();
  const [form] = Form.useForm<IssueValues>();
  const role = Form.useWatch('role', form);
  const issued = useRef<IssuedApiKey | null>(null);
  const { save, modalProps } = useSaveDialog(() => onDone(issued.current));

  const submit = (values: IssueValues) =>
    save(async () => {
      issued.current = await issueApiKey({ name: values.name.trim(), role: values.role });
    });

  return (
    <FormModal
      {...modalProps}
      title={t('apiKeys.issueTitle')}
      okText={t('apiKeys.issue')}
      form={form}
    >
      <Form<IssueValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ role: MACHINE_ROLES[0] }}
        autoComplete="off"
        data-testid="issue-key-form"
      >
        <Form.Item name="name" label={t('apiKeys.field.name')} extra={t('apiKeys.hint.name')} rules={nameRules(t)}>
          <Input autoComplete="off" maxLength={API_KEY_NAME_MAX} showCount placeholder={t('apiKeys.placeholder.name')} />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('apiKeys.field.role')}
          rules={[{ required: true, message: t('apiKeys.v.roleRequired') }]}
          extra={
            isMachineRole(role) ? (
              t('apiKeys.hint.integration')
            ) : role ? (
              <Typography.Text type="warning">{t('apiKeys.hint.staffRole', { role: roleLabel(t, role) })}</Typography.Text>
            ) : undefined
          }
        >
          <Select options={KEY_ROLES.map((value) => ({ value, label: roleLabel(t, value) }))} data-testid="issue-key-role" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/**
 * The secret of a key just issued, with a copy button and how to use it. Closed only on purpose
 * (the button or ×), never by a stray click beside it: once closed, the secret is gone.
 */
export function SecretModal({ issued, onClose }: { issued: IssuedApiKey; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(true);
  const header = `Authorization: Bearer ${issued.key}`;
  const permissions = permissionsOf(issued.apiKey.role);

  async function copy() {
    try {
      await navigator.clipboard.writeText(issued.key);
      void message.success(t('apiKeys.copied'));
    } catch {
      void message.warning(t('apiKeys.copyFailed'));
    }
  }

  return (
    <Modal
      open={open}
      title={t('apiKeys.secretTitle', { name: issued.apiKey.name })}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      width={640}
      onCancel={() => setOpen(false)}
      afterClose={onClose}
      footer={
        <Button type="primary" onClick={() => setOpen(false)} data-testid="secret-done">
          {t('apiKeys.secretDone')}
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        title={t('apiKeys.secretWarning')}
        description={t('apiKeys.secretWarningDetail')}
        style={{ marginBottom: 16 }}
      />
      <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
        <Input
          readOnly
          value={issued.key}
          onFocus={(event) => event.target.select()}
          style={{ fontFamily: 'monospace' }}
          data-testid="issued-secret"
        />
        <Button type="primary" icon={<CopyOutlined />} onClick={() => void copy()} data-testid="copy-secret">
          {t('apiKeys.copy')}
        </Button>
      </Space.Compact>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('apiKeys.usageTitle')}
      </Typography.Title>
      <Typography.Paragraph style={{ marginBottom: 8 }}>{t('apiKeys.usageHeader')}</Typography.Paragraph>
      <Typography.Paragraph>
        <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{header}</pre>
      </Typography.Paragraph>
      {/* The machine endpoints, for a role that may call them (integration, admin). */}
      {permissions.includes('tracking.ingest') && (
        <>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{t('apiKeys.usageEndpoints')}</Typography.Paragraph>
          <ul style={{ marginTop: 0, paddingInlineStart: 20 }}>
            <li>
              <Typography.Text code>POST /api/tracking/events</Typography.Text> {t('apiKeys.usage.events')}
            </li>
            {permissions.includes('shipments.register') && (
              <li>
                <Typography.Text code>POST /api/shipments</Typography.Text> {t('apiKeys.usage.shipments')}
              </li>
            )}
          </ul>
        </>
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('apiKeys.usageFeeds')} {t('apiKeys.usageDocs')}
      </Typography.Paragraph>
    </Modal>
  );
}
