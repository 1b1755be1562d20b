/**
 * After-sales setup (docs/product.md §4), for managers and admins (policies.manage): the catalogs
 * (code groups and codes of the reason, damage and completion-cause catalogs: add, rename, retire),
 * the work centers (staff, own working hours, mailbox, sales office, whether they take new work)
 * and the status profiles, which are system data and shown read-only.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, Select, Space, Switch, Table, Tabs, Tag, TimePicker, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useAuth } from '../../auth';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle, useT, type MessageKey } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { listDepartments } from '../../services/departments';
import { addCode, addCodeGroup, changeCode, changeWorkCenter, getAdminCatalogs, listProfiles, listWorkCenters, type AdminCatalogs, type WorkCenter } from '../../services/service-orders';
import { listUsers } from '../../services/users';
import { useRemote } from '../../useRemote';

type Group = AdminCatalogs[number];
const CATALOGS = ['reason', 'damage', 'cause'] as const;

export default function ServiceOrderSetupPage() {
  const t = useT();
  useDocumentTitle(t('soAdmin.title'));
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('soAdmin.title')} subtitle={t('soAdmin.subtitle')} />
      <Card>
        <Tabs
          items={[
            { key: 'catalogs', label: t('soAdmin.tab.catalogs'), children: <CatalogsTab /> },
            { key: 'workCenters', label: t('soAdmin.tab.workCenters'), children: <WorkCentersTab /> },
            { key: 'profiles', label: t('soAdmin.tab.profiles'), children: <ProfilesTab /> },
          ]}
        />
      </Card>
    </Flex>
  );
}

function CatalogsTab() {
  const t = useT();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const catalogs = useRemote((signal) => getAdminCatalogs(signal), []);
  const [adding, setAdding] = useState<{ kind: 'group' } | { kind: 'code'; group: Group } | null>(null);
  const toggle = async (g: Group, code: string, active: boolean) => {
    try {
      await changeCode(g.catalog, g.group, code, { active });
      void message.success(t('soAdmin.saved'));
      catalogs.reload();
    } catch (error) {
      handleError(error);
    }
  };
  const columns: TableProps<Group>['columns'] = [
    { title: t('soAdmin.group'), key: 'group', render: (_, g) => <strong>{g.group}</strong> },
    { title: t('soAdmin.labelZh'), dataIndex: 'labelZh' },
    { title: t('soAdmin.labelEn'), dataIndex: 'labelEn' },
    { title: t('soAdmin.code'), key: 'n', render: (_, g) => g.codes.length },
    {
      key: 'add',
      render: (_, g) => (
        <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding({ kind: 'code', group: g })} data-testid={`add-code-${g.group}`}>
          {t('soAdmin.addCode')}
        </Button>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('soAdmin.retireHint')}</Typography.Text>
      {CATALOGS.map((catalog) => (
        <div key={catalog}>
          <Typography.Title level={5}>{t(`soAdmin.catalog.${catalog}` as MessageKey)}</Typography.Title>
          <Table<Group>
            rowKey={(g) => `${g.catalog}/${g.group}`}
            size="small"
            pagination={false}
            loading={catalogs.loading}
            columns={columns}
            dataSource={(catalogs.data ?? []).filter((g) => g.catalog === catalog)}
            expandable={{
              expandedRowRender: (g) => (
                <Table
                  rowKey="code"
                  size="small"
                  pagination={false}
                  dataSource={g.codes}
                  columns={[
                    { title: t('soAdmin.code'), dataIndex: 'code' },
                    { title: t('soAdmin.labelZh'), dataIndex: 'labelZh' },
                    { title: t('soAdmin.labelEn'), dataIndex: 'labelEn' },
                    {
                      title: t('soAdmin.active'),
                      key: 'active',
                      render: (_, c) => (
                        <Space>
                          {c.active ? <Tag color="success">{t('soAdmin.active')}</Tag> : <Tag>{t('soAdmin.retired')}</Tag>}
                          <Button size="small" onClick={() => void toggle(g, c.code, !c.active)}>
                            {c.active ? t('soAdmin.retire') : t('soAdmin.restore')}
                          </Button>
                        </Space>
                      ),
                    },
                  ]}
                />
              ),
            }}
          />
        </div>
      ))}
      <div>
        <Button icon={<PlusOutlined />} onClick={() => setAdding({ kind: 'group' })} data-testid="add-group">
          {t('soAdmin.addGroup')}
        </Button>
      </div>
      {adding && (
        <CodeDialog
          adding={adding}
          onClosed={(saved) => {
            setAdding(null);
            if (saved) {
              void message.success(t('soAdmin.saved'));
              catalogs.reload();
            }
          }}
        />
      )}
    </Flex>
  );
}

function CodeDialog({ adding, onClosed }: { adding: { kind: 'group' } | { kind: 'code'; group: Group }; onClosed: (saved: boolean) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ catalog: (typeof CATALOGS)[number]; key: string; labelZh: string; labelEn: string }>();
  const { save, modalProps } = useSaveDialog(onClosed);
  const group = adding.kind === 'code' ? adding.group : null;
  return (
    <FormModal form={form} title={group ? `${t('soAdmin.addCode')} · ${group.group}` : t('soAdmin.addGroup')} okText={t('common.save')} {...modalProps}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ catalog: 'reason' }}
        onFinish={(v) =>
          save(() =>
            group
              ? addCode(group.catalog, group.group, { code: v.key, labelZh: v.labelZh.trim(), labelEn: v.labelEn.trim() })
              : addCodeGroup({ catalog: v.catalog, group: v.key, labelZh: v.labelZh.trim(), labelEn: v.labelEn.trim() }),
          )
        }
      >
        {!group && (
          <Form.Item name="catalog" label={t('soAdmin.tab.catalogs')}>
            <Select options={CATALOGS.map((c) => ({ value: c, label: t(`soAdmin.catalog.${c}` as MessageKey) }))} />
          </Form.Item>
        )}
        <Form.Item
          name="key"
          label={group ? t('soAdmin.code') : t('soAdmin.group')}
          rules={[{ required: true, pattern: group ? /^[0-9]{4}$/ : /^[A-Z][A-Z0-9-]{1,11}$/, message: group ? '0001' : 'SV-REPAIR' }]}
        >
          <Input placeholder={group ? '0005' : 'SV-NOISE'} />
        </Form.Item>
        <Form.Item name="labelZh" label={t('soAdmin.labelZh')} rules={[{ required: true, whitespace: true, max: 60 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="labelEn" label={t('soAdmin.labelEn')} rules={[{ required: true, whitespace: true, max: 60 }]}>
          <Input />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function WorkCentersTab() {
  const t = useT();
  const { message } = App.useApp();
  const centers = useRemote((signal) => listWorkCenters(signal), []);
  const [editing, setEditing] = useState<WorkCenter | null>(null);
  const columns: TableProps<WorkCenter>['columns'] = [
    { title: t('soAdmin.wc.code'), dataIndex: 'code', render: (code: string) => <strong>{code}</strong> },
    { title: t('soAdmin.wc.name'), dataIndex: 'name' },
    { title: t('soAdmin.wc.department'), key: 'dept', render: (_, c) => c.department?.name ?? '—' },
    { title: t('soAdmin.wc.staff'), key: 'staff', render: (_, c) => c.staff.map((s) => s.name).join('、') || '—' },
    { title: t('soAdmin.wc.hours'), key: 'hours', render: (_, c) => (c.ownHours ? c.workingHours.map((h) => `${h.start}–${h.end}`).join('，') : t('soAdmin.wc.companyHours')) },
    { title: t('soAdmin.wc.email'), key: 'email', render: (_, c) => c.email ?? '—' },
    { title: t('soAdmin.wc.salesOffice'), key: 'office', render: (_, c) => c.salesOffice ?? '—' },
    { title: t('soAdmin.wc.active'), key: 'active', render: (_, c) => (c.active ? <Tag color="success">✓</Tag> : <Tag>—</Tag>) },
    {
      key: 'edit',
      render: (_, c) => (
        <Button size="small" onClick={() => setEditing(c)} data-testid={`edit-wc-${c.code}`}>
          {t('soAdmin.wc.edit')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Table<WorkCenter> rowKey="id" size="small" loading={centers.loading} columns={columns} dataSource={centers.data ?? []} pagination={false} scroll={{ x: 'max-content' }} />
      {editing && (
        <WorkCenterDialog
          center={editing}
          onClosed={(saved) => {
            setEditing(null);
            if (saved) {
              void message.success(t('soAdmin.saved'));
              centers.reload();
            }
          }}
        />
      )}
    </>
  );
}

interface CenterForm {
  name: string;
  departmentId: string | null;
  staffIds: string[];
  ownHours: boolean;
  start: dayjs.Dayjs;
  end: dayjs.Dayjs;
  email: string;
  salesOffice: string;
  active: boolean;
}

function WorkCenterDialog({ center, onClosed }: { center: WorkCenter; onClosed: (saved: boolean) => void }) {
  const t = useT();
  const [form] = Form.useForm<CenterForm>();
  const { save, modalProps } = useSaveDialog(onClosed);
  const departments = useRemote((signal) => listDepartments(signal), []);
  const { can } = useAuth();
  // the users list is the admins' (users.manage); a manager keeps the staff as they are
  const users = useRemote((signal) => (can('users.manage') ? listUsers({ page: 1, pageSize: 100 }, signal) : Promise.resolve(undefined)), []);
  const ownHours = Form.useWatch('ownHours', form);
  const hours = center.workingHours[0] ?? { start: '09:00', end: '18:00' };
  return (
    <FormModal form={form} title={`${center.code} ${center.name}`} okText={t('common.save')} {...modalProps}>
      <Form
        form={form}
        layout="vertical"
        data-testid="wc-form"
        initialValues={{
          name: center.name,
          departmentId: center.department?.id ?? null,
          staffIds: center.staff.map((s) => s.id),
          ownHours: center.ownHours,
          start: dayjs(`2000-01-01T${hours.start}`),
          end: dayjs(`2000-01-01T${hours.end === '24:00' ? '23:59' : hours.end}`),
          email: center.email ?? '',
          salesOffice: center.salesOffice ?? '',
          active: center.active,
        }}
        onFinish={(v) =>
          save(() =>
            changeWorkCenter(center.id, {
              version: center.version,
              name: v.name.trim(),
              departmentId: v.departmentId ?? null,
              staffIds: v.staffIds,
              workingHours: v.ownHours ? [{ start: v.start.format('HH:mm'), end: v.end.format('HH:mm') }] : null,
              email: v.email.trim() || null,
              salesOffice: v.salesOffice.trim() || null,
              active: v.active,
            }),
          )
        }
      >
        <Form.Item name="name" label={t('soAdmin.wc.name')} rules={[{ required: true, whitespace: true, max: 60 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="departmentId" label={t('soAdmin.wc.department')}>
          <Select allowClear options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item name="staffIds" label={t('soAdmin.wc.staff')}>
          <Select mode="multiple" optionFilterProp="label" disabled={!users.data}
            options={users.data ? users.data.items.filter((u) => u.active).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` })) : center.staff.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="ownHours" valuePropName="checked">
          <Checkbox>{t('soAdmin.wc.ownHours')}</Checkbox>
        </Form.Item>
        {ownHours && (
          <Space>
            <Form.Item name="start" label={t('soAdmin.wc.hoursStart')}>
              <TimePicker format="HH:mm" minuteStep={5} allowClear={false} />
            </Form.Item>
            <Form.Item name="end" label={t('soAdmin.wc.hoursEnd')}>
              <TimePicker format="HH:mm" minuteStep={5} allowClear={false} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="email" label={t('soAdmin.wc.email')} rules={[{ type: 'email' }]}>
          <Input placeholder="service@example.cn" />
        </Form.Item>
        <Form.Item name="salesOffice" label={t('soAdmin.wc.salesOffice')} rules={[{ pattern: /^[A-Za-z0-9-]{0,10}$/ }]}>
          <Input placeholder="4002" />
        </Form.Item>
        <Form.Item name="active" label={t('soAdmin.wc.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function ProfilesTab() {
  const t = useT();
  const profiles = useRemote((signal) => listProfiles(signal), []);
  return (
    <Flex vertical gap={16}>
      <Alert type="info" showIcon message={t('soAdmin.profile.readOnly')} />
      {(profiles.data ?? []).map((p) => (
        <div key={p.type} data-testid={`profile-${p.type}`}>
          <Typography.Title level={5}>{`${p.type} ${p.typeLabel} · ${p.profile}`}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('soAdmin.profile.expectedEnd', { days: p.expectedEnd.days, basis: p.expectedEnd.basis })}</Typography.Paragraph>
          <Table
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={p.statuses}
            columns={[
              { title: t('soAdmin.profile.number'), dataIndex: 'number', width: 70 },
              { title: t('soAdmin.profile.status'), key: 'status', render: (_, s) => `${s.code} ${s.label}` },
              { title: t('soAdmin.profile.next'), key: 'next', render: (_, s) => s.next.join('、') || '—' },
              { title: t('soAdmin.profile.setBy'), key: 'setBy', render: (_, s) => s.setBy.map((r) => t(`role.${r}` as MessageKey)).join('、') || '—' },
              { title: t('soAdmin.profile.mayComplete'), key: 'complete', render: (_, s) => (s.mayComplete ? '✓' : '—') },
            ]}
          />
        </div>
      ))}
    </Flex>
  );
}
