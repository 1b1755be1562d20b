/**
 * The dialogs of the customer pages: create or edit a profile, a contact, an address, a monthly
 * account, and merge a duplicate. Each sends the version the page read and closes itself; `onDone`
 * hears whether the page must reload.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { useT } from '../../i18n';
import {
  addAddress,
  addContact,
  addMonthlyAccount,
  changeAddress,
  changeContact,
  createCustomer,
  editCustomer,
  getCustomer,
  mergeCustomer,
  listAccountManagers,
  pinCustomerTier,
  searchCustomers,
  type CustomerProfile,
  type CustomerSummary,
} from '../../services/customers';
import { useRemote } from '../../useRemote';
import { addressKindLabel, businessStatusLabel, customerKindLabel, natureLabel } from './labels';
import { numberRange } from '../../components/numberRange';

const NATURES = ['state_owned', 'private', 'foreign', 'joint_venture', 'collective', 'individual_business', 'public_institution', 'other'] as const;
const STATUSES = ['operating', 'suspended', 'closed', 'revoked'] as const;
const RATINGS = ['AAA', 'AA', 'A', 'B', 'C'] as const;
const ADDRESS_KINDS = ['pickup', 'delivery', 'billing', 'service'] as const;
const PHONE = /^[0-9+ -]{5,20}$/;
const ACCOUNT = /^[A-Za-z0-9-]{4,32}$/;

interface Done {
  onDone: (saved: boolean) => void;
}

function AccountManagerSelect(props: { value?: string | null; onChange?: (v: string | null) => void }) {
  const t = useT();
  const managers = useRemote((signal) => listAccountManagers(signal), []);
  return (
    <Select
      allowClear
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      loading={managers.loading}
      placeholder={t('customers.field.manager')}
      options={(managers.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
      data-testid="customer-manager"
    />
  );
}

interface ProfileValues {
  kind: 'individual' | 'enterprise';
  name: string;
  phone?: string;
  creditCode?: string;
  industry?: string;
  companyNature?: string;
  headcount?: number | null;
  coverageArea?: string;
  businessStatus?: string;
  creditRating?: string;
  creditLimitYuan?: number | null;
  note?: string;
  accountManagerId?: string | null;
  monthlyAccount?: string;
}

const blank = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : s.trim());

/**
 * Create a customer, or edit one's profile. For an edit the page passes the profile unmasked
 * (revealed, audited) so the form starts from what is stored.
 */
export function CustomerFormModal({
  profile,
  unmasked,
  canAssign,
  onDone,
}: Done & { profile?: CustomerProfile; unmasked?: { name: string; phone: string | null }; canAssign: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileValues>();
  const kind = Form.useWatch('kind', form) ?? profile?.kind ?? 'enterprise';
  const { save, modalProps } = useSaveDialog((saved) => {
    if (saved) void message.success(profile ? t('customers.saved') : t('customers.created'));
    onDone(saved);
  });

  function submit(v: ProfileValues) {
    const enterprise = v.kind === 'enterprise';
    const fields = {
      kind: v.kind,
      name: v.name.trim(),
      phone: blank(v.phone),
      creditCode: enterprise ? blank(v.creditCode) : null,
      industry: enterprise ? blank(v.industry) : null,
      companyNature: enterprise ? ((v.companyNature ?? null) as never) : null,
      headcount: enterprise ? (v.headcount ?? null) : null,
      coverageArea: enterprise ? blank(v.coverageArea) : null,
      businessStatus: enterprise ? ((v.businessStatus ?? null) as never) : null,
      creditRating: (v.creditRating ?? null) as never,
      creditLimitFen: v.creditLimitYuan === null || v.creditLimitYuan === undefined ? null : Math.round(v.creditLimitYuan * 100),
      note: v.note?.trim() ?? '',
      ...(canAssign ? { accountManagerId: v.accountManagerId ?? null } : {}),
    };
    void save(async () => {
      if (profile) await editCustomer(profile.id, { version: profile.version, ...fields });
      else await createCustomer({ ...fields, monthlyAccounts: blank(v.monthlyAccount) ? [v.monthlyAccount!.trim()] : [] });
    });
  }

  const initial: Partial<ProfileValues> = profile
    ? {
        kind: profile.kind as ProfileValues['kind'],
        name: unmasked?.name ?? profile.name,
        phone: unmasked?.phone ?? undefined,
        creditCode: profile.creditCode ?? undefined,
        industry: profile.industry ?? undefined,
        companyNature: profile.companyNature ?? undefined,
        headcount: profile.headcount,
        coverageArea: profile.coverageArea ?? undefined,
        businessStatus: profile.businessStatus ?? undefined,
        creditRating: profile.creditRating ?? undefined,
        creditLimitYuan: profile.creditLimitFen === null ? null : profile.creditLimitFen / 100,
        note: profile.note,
        accountManagerId: profile.accountManager?.id ?? null,
      }
    : { kind: 'enterprise' };

  return (
    <FormModal form={form} title={profile ? t('customers.edit.title') : t('customers.create.title')} okText={t('common.save')} width={720} {...modalProps}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid="customer-form">
        <Form.Item name="kind" label={t('customers.field.kind')}>
          <Radio.Group optionType="button" options={(['enterprise', 'individual'] as const).map((k) => ({ value: k, label: customerKindLabel(t, k) }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item name="name" label={kind === 'enterprise' ? t('customers.field.name') : t('customers.field.personName')} rules={[{ required: true, whitespace: true, max: 64 }]}>
              <Input data-testid="customer-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="phone" label={t('customers.field.phone')} rules={[{ pattern: PHONE, message: t('customers.field.phone') }]}>
              <Input inputMode="tel" data-testid="customer-phone-input" />
            </Form.Item>
          </Col>
        </Row>
        {kind === 'enterprise' && (
          <>
            <Form.Item name="creditCode" label={t('customers.field.creditCode')} extra={t('customers.hint.creditCode')}>
              <Input maxLength={40} style={{ fontFamily: 'monospace' }} data-testid="customer-credit-code" />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="industry" label={t('customers.field.industry')}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="companyNature" label={t('customers.field.companyNature')}>
                  <Select allowClear options={NATURES.map((n) => ({ value: n, label: natureLabel(t, n) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="headcount" label={t('customers.field.headcount')} rules={[numberRange(t, 0, 10_000_000)]}>
                  <InputNumber precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="businessStatus" label={t('customers.field.businessStatus')}>
                  <Select allowClear options={STATUSES.map((s) => ({ value: s, label: businessStatusLabel(t, s) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="coverageArea" label={t('customers.field.coverageArea')}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="creditRating" label={t('customers.field.creditRating')}>
              <Select allowClear options={RATINGS.map((r) => ({ value: r, label: r }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="creditLimitYuan" label={t('customers.field.creditLimit')} rules={[numberRange(t, 0, 10_000_000_000)]}>
              <InputNumber precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {!profile && (
            <Col xs={24} md={8}>
              <Form.Item name="monthlyAccount" label={t('customers.field.accountNo')} rules={[{ pattern: ACCOUNT, message: t('customers.field.accountNo') }]}>
                <Input maxLength={32} />
              </Form.Item>
            </Col>
          )}
        </Row>
        {canAssign && (
          <Form.Item name="accountManagerId" label={t('customers.field.manager')}>
            <AccountManagerSelect />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('customers.field.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

interface ContactValues {
  name: string;
  role?: string;
  phones?: string[];
  email?: string;
  wechat?: string;
  windows?: { range?: [Dayjs, Dayjs] }[];
  note?: string;
}

/** Add a contact, or change one (the page passes it unmasked, revealed and audited). */
export function ContactModal({
  customerId,
  version,
  contact,
  onDone,
}: Done & {
  customerId: string;
  version: number;
  contact?: { id: string; name: string; role: string; phones: string[]; email: string | null; wechat: string | null; callbackWindows: { from: string; to: string }[]; note: string };
}) {
  const t = useT();
  const [form] = Form.useForm<ContactValues>();
  const { save, modalProps } = useSaveDialog(onDone);
  const initial: ContactValues = contact
    ? {
        name: contact.name,
        role: contact.role,
        phones: contact.phones,
        email: contact.email ?? undefined,
        wechat: contact.wechat ?? undefined,
        note: contact.note,
        windows: contact.callbackWindows.map((w) => ({ range: [dayjs(w.from, 'HH:mm'), dayjs(w.to, 'HH:mm')] })),
      }
    : { name: '', phones: [], windows: [] };
  function submit(v: ContactValues) {
    const body = {
      name: v.name.trim(),
      role: v.role?.trim() ?? '',
      phones: v.phones ?? [],
      email: blank(v.email),
      wechat: blank(v.wechat),
      callbackWindows: (v.windows ?? []).flatMap((w) => (w.range ? [{ from: w.range[0].format('HH:mm'), to: w.range[1].format('HH:mm') }] : [])),
      note: v.note?.trim() ?? '',
    };
    void save(() => (contact ? changeContact(customerId, contact.id, version, body) : addContact(customerId, version, body)));
  }
  return (
    <FormModal form={form} title={t('customers.contact.title')} okText={t('common.save')} width={560} {...modalProps}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid="contact-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('customers.field.personName')} rules={[{ required: true, whitespace: true, max: 64 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="role" label={t('customers.field.role')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="phones"
          label={t('customers.field.phones')}
          extra={t('customers.hint.phones')}
          rules={[{ validator: (_r, value: string[] | undefined) => ((value ?? []).every((p) => PHONE.test(p)) ? Promise.resolve() : Promise.reject(new Error(t('customers.field.phones')))) }]}
        >
          <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} maxCount={5} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="email" label={t('customers.field.email')} rules={[{ type: 'email' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="wechat" label={t('customers.field.wechat')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('customers.field.callbackWindows')} extra={t('customers.field.defaultWindows')}>
          <Form.List name="windows">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((field) => (
                  <Space key={field.key}>
                    <Form.Item name={[field.name, 'range']} noStyle rules={[{ required: true }]}>
                      <TimePicker.RangePicker format="HH:mm" minuteStep={15} placeholder={[t('customers.hint.windowFrom'), t('customers.hint.windowTo')]} />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('customers.action.remove')} />
                  </Space>
                ))}
                {fields.length < 4 && (
                  <Button icon={<PlusOutlined />} onClick={() => add({})}>
                    {t('customers.addWindow')}
                  </Button>
                )}
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="note" label={t('customers.field.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

interface AddressValues {
  kind: (typeof ADDRESS_KINDS)[number];
  address: string;
  contactName?: string;
  contactPhone?: string;
}

/** Add an address, or change one: the old version stays in its history. */
export function AddressModal({
  customerId,
  version,
  address,
  monthlySettled,
  onDone,
}: Done & { customerId: string; version: number; monthlySettled: boolean; address?: { id: string; kind: string; address: string; contactName: string | null; contactPhone: string | null } }) {
  const t = useT();
  const [form] = Form.useForm<AddressValues>();
  const { save, modalProps } = useSaveDialog(onDone);
  function submit(v: AddressValues) {
    const body = { kind: v.kind, address: v.address.trim(), contactName: blank(v.contactName), contactPhone: blank(v.contactPhone) };
    void save(() => (address ? changeAddress(customerId, address.id, version, body) : addAddress(customerId, version, body)));
  }
  return (
    <FormModal form={form} title={t('customers.address.title')} okText={t('common.save')} width={560} {...modalProps}>
      {address && monthlySettled && (address.kind === 'billing' || address.kind === 'pickup') && (
        <Alert type="warning" showIcon message={t('customers.moveWarning')} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={address ? { kind: address.kind, address: address.address, contactName: address.contactName ?? undefined, contactPhone: address.contactPhone ?? undefined } : { kind: 'pickup' }}
        onFinish={submit}
        data-testid="address-form"
      >
        <Form.Item name="kind" label={t('customers.field.addressKind')}>
          <Radio.Group optionType="button" options={ADDRESS_KINDS.map((k) => ({ value: k, label: addressKindLabel(t, k) }))} />
        </Form.Item>
        <Form.Item name="address" label={t('customers.field.address')} extra={t('customers.hint.address')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input data-testid="address-input" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="contactName" label={t('customers.field.contactName')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contactPhone" label={t('customers.field.contactPhone')} rules={[{ pattern: PHONE, message: t('customers.field.contactPhone') }]}>
              <Input inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}

export function AccountModal({ customerId, version, onDone }: Done & { customerId: string; version: number }) {
  const t = useT();
  const [form] = Form.useForm<{ accountNo: string }>();
  const { save, modalProps } = useSaveDialog(onDone);
  return (
    <FormModal form={form} title={t('customers.account.title')} okText={t('common.save')} {...modalProps}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(() => addMonthlyAccount(customerId, version, v.accountNo.trim()))}>
        <Form.Item name="accountNo" label={t('customers.field.accountNo')} rules={[{ required: true, pattern: ACCOUNT, message: t('customers.field.accountNo') }]}>
          <Input maxLength={32} data-testid="account-input" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** Merge a duplicate into this customer: find it by any of the search's ways, then confirm. */
export function MergeModal({ profile, onDone }: Done & { profile: CustomerProfile }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ otherId: string; reason?: string }>();
  const [options, setOptions] = useState<CustomerSummary[]>([]);
  const [query, setQuery] = useState('');
  const { save, modalProps } = useSaveDialog((saved) => {
    if (saved) void message.success(t('customers.merged'));
    onDone(saved);
  });
  async function find(q: string) {
    setQuery(q);
    if (q.trim().length < 2) return setOptions([]);
    const page = await searchCustomers({ q: q.trim(), page: 1, pageSize: 10 });
    setOptions(page.items.filter((c) => c.id !== profile.id));
  }
  async function submit(v: { otherId: string; reason?: string }) {
    await save(async () => {
      // The other record's version, read just now: a change to it since is refused (409).
      const other = await getCustomer(v.otherId);
      await mergeCustomer(profile.id, { version: profile.version, otherId: v.otherId, otherVersion: other.profile.version, ...(blank(v.reason) ? { reason: v.reason!.trim() } : {}) });
    });
  }
  return (
    <FormModal form={form} title={t('customers.merge.title')} okText={t('customers.merge.confirm')} okButtonProps={{ danger: true }} width={600} {...modalProps}>
      <Typography.Paragraph>{t('customers.merge.intro', { name: profile.name })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="merge-form">
        <Form.Item name="otherId" label={t('customers.merge.pick')} rules={[{ required: true, message: t('customers.merge.pick') }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: (q) => void find(q) }}
            placeholder={t('customers.merge.search')}
            notFoundContent={query ? t('customers.noMatch', { q: query }) : null}
            options={options.map((c) => ({
              value: c.id,
              label: [c.name, c.phone, c.creditCode, c.monthlyAccounts.join(' ')].filter(Boolean).join(' · '),
            }))}
            data-testid="merge-pick"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('customers.merge.reason')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}


/**
 * Set the tier by hand (人工指定等级): the tier, why (required), and optionally the last day it
 * holds; the nightly tier rule leaves the customer there until then. Supervisors and managers.
 */
export function TierPinModal({ profile, onDone }: Done & { profile: CustomerProfile }) {
  const t = useT();
  const [form] = Form.useForm<{ tier: 'standard' | 'key'; reason: string; until?: Dayjs | null }>();
  const { save, modalProps } = useSaveDialog(onDone);
  return (
    <FormModal form={form} title={t('customers.tierPin.title')} okText={t('customers.tierPin.confirm')} {...modalProps}>
      <Typography.Paragraph type="secondary">{t('customers.tierPin.intro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ tier: profile.tier === 'key' ? 'key' : 'standard' }}
        onFinish={(v) => void save(() => pinCustomerTier(profile.id, { version: profile.version, tier: v.tier, reason: v.reason.trim(), until: v.until ? v.until.format('YYYY-MM-DD') : null }))}
        data-testid="tier-pin-form"
      >
        <Form.Item name="tier" label={t('customers.field.tier')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={[{ value: 'key', label: t('customers.tierPin.key') }, { value: 'standard', label: t('customers.tierPin.standard') }]} />
        </Form.Item>
        <Form.Item name="reason" label={t('customers.tierPin.reason')} rules={[{ required: true, whitespace: true, message: t('customers.tierPin.reasonRequired') }]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} data-testid="tier-pin-reason" />
        </Form.Item>
        <Form.Item name="until" label={t('customers.tierPin.until')} extra={t('customers.tierPin.untilHelp')}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs().add(1, 'day'), 'day') || d.isAfter(dayjs().add(2, 'year'), 'day')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
