/**
 * IW51 in a dialog: the type, the request, the customers (sold-to, ship-to), the work center and
 * dates, the sales area and the items with their reason codes from the catalog. The expected end,
 * left empty, follows the type on the server.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Divider, Flex, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useMe } from '../../auth';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { searchCustomers } from '../../services/customers';
import { createServiceOrder, listCatalogs, listWorkCenters, type Catalogs } from '../../services/service-orders';
import { useRemote } from '../../useRemote';
import { numberRange } from '../../components/numberRange';

interface ItemForm {
  material?: string;
  quantity: number;
  reason: string;
  damage?: string;
  reasonText?: string;
  productType?: string;
  colourCode?: string;
}

interface CreateForm {
  type: 'Z1' | 'Z2';
  shortText: string;
  longText?: string;
  urgent?: boolean;
  soldToId: string;
  shipToId?: string;
  reporterName: string;
  originalDocumentNo?: string;
  originalDocumentDate?: Dayjs;
  requiredStart?: Dayjs;
  expectedEnd?: Dayjs;
  mainWorkCenterId: string;
  salesOrg?: string;
  distributionChannel?: string;
  division?: string;
  salesOffice?: string;
  items: ItemForm[];
}

/** The codes of one catalog as "GROUP/CODE" options, grouped by code group. */
export function codeOptions(catalogs: Catalogs | undefined, catalog: string) {
  return (catalogs ?? [])
    .filter((g) => g.catalog === catalog)
    .map((g) => ({ label: `${g.group} ${g.label}`, options: g.codes.map((c) => ({ value: `${g.group}/${c.code}`, label: `${c.code} ${c.label}` })) }));
}

export const codeRef = (value: string) => {
  const [group, code] = value.split('/');
  return { group: group!, code: code! };
};

/** A customer chosen by searching its name, phone or account (the list is the customers' search). */
function CustomerSelect({ value, onChange, testId }: { value?: string; onChange?: (id: string | undefined) => void; testId: string }) {
  const t = useT();
  const handleError = useRequestErrorHandler();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const controller = useRef<AbortController>(undefined);
  function search(text: string) {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      controller.current?.abort();
      const c = new AbortController();
      controller.current = c;
      searchCustomers({ q: text.trim() || undefined, page: 1, pageSize: 20 }, c.signal)
        .then(({ items }) => setOptions(items.map((i) => ({ value: i.id, label: i.name }))))
        .catch((error: unknown) => {
          if (!c.signal.aborted) handleError(error);
        });
    }, 250);
  }
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: search }}
      value={value}
      onChange={(id?: string) => onChange?.(id)}
      onOpenChange={(open) => {
        if (open && options.length === 0) search('');
      }}
      options={options}
      placeholder={t('so.field.customerSearch')}
      data-testid={testId}
    />
  );
}

export function CreateNotificationDialog({ onClosed, ticketId }: { onClosed: (created: { id: string; number: string } | null) => void; ticketId?: string }) {
  const t = useT();
  const me = useMe();
  const [form] = Form.useForm<CreateForm>();
  const created = useRef<{ id: string; number: string } | null>(null);
  const { save, modalProps } = useSaveDialog(() => onClosed(created.current));
  const centers = useRemote((signal) => listWorkCenters(signal), []);
  const catalogs = useRemote((signal) => listCatalogs(signal), []);
  const text = (v: string | undefined) => v?.trim() || undefined;

  function submit(values: CreateForm) {
    void save(async () => {
      created.current = await createServiceOrder({
        type: values.type,
        shortText: values.shortText,
        longText: values.longText ?? '',
        urgent: values.urgent ?? false,
        soldToId: values.soldToId,
        ...(values.shipToId && { shipToId: values.shipToId }),
        ...(ticketId && { ticketId }),
        reporterName: values.reporterName,
        originalDocumentNo: text(values.originalDocumentNo) ?? null,
        originalDocumentDate: values.originalDocumentDate?.format('YYYY-MM-DD') ?? null,
        ...(values.requiredStart && { requiredStart: values.requiredStart.toISOString() }),
        ...(values.expectedEnd && { expectedEnd: values.expectedEnd.toISOString() }),
        mainWorkCenterId: values.mainWorkCenterId,
        salesOrg: text(values.salesOrg) ?? null,
        distributionChannel: text(values.distributionChannel) ?? null,
        division: text(values.division) ?? null,
        salesOffice: text(values.salesOffice) ?? null,
        items: (values.items ?? []).map((i) => ({
          productType: text(i.productType) ?? null,
          colourCode: text(i.colourCode) ?? null,
          material: text(i.material) ?? null,
          quantity: i.quantity,
          reason: codeRef(i.reason),
          damage: i.damage ? codeRef(i.damage) : null,
          reasonText: i.reasonText ?? '',
        })),
      });
    });
  }

  return (
    <FormModal form={form} title={t('so.newTitle')} okText={t('so.new')} width={880} {...modalProps}>
      <Form<CreateForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ type: 'Z1', reporterName: me.displayName, items: [{ quantity: 1 }] }}
        data-testid="so-create-form"
      >
        <Form.Item name="type" label={t('so.field.type')} rules={[{ required: true }]}>
          <Radio.Group options={(['Z1', 'Z2'] as const).map((type) => ({ value: type, label: t(`so.type.${type}`) }))} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="shortText" label={t('so.field.shortText')} rules={[{ required: true, whitespace: true, max: 40 }]} style={{ flex: 2 }}>
            <Input maxLength={40} data-testid="so-short-text" />
          </Form.Item>
          <Form.Item name="urgent" valuePropName="checked" label=" " style={{ flex: 1 }}>
            <Checkbox>{t('so.field.urgent')}</Checkbox>
          </Form.Item>
        </Flex>
        <Form.Item name="longText" label={t('so.field.longText')}>
          <Input.TextArea rows={3} maxLength={20000} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="soldToId" label={t('so.field.soldTo')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <CustomerSelect testId="so-sold-to" />
          </Form.Item>
          <Form.Item name="shipToId" label={t('so.field.shipTo')} extra={t('so.field.shipToSame')} style={{ flex: 1 }}>
            <CustomerSelect testId="so-ship-to" />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="mainWorkCenterId" label={t('so.field.mainWorkCenter')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={(centers.data ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))} data-testid="so-work-center" />
          </Form.Item>
          <Form.Item name="reporterName" label={t('so.field.reporter')} rules={[{ required: true, whitespace: true, max: 60 }]} style={{ flex: 1 }}>
            <Input maxLength={60} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="requiredStart" label={t('so.field.requiredStart')} style={{ flex: 1 }}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="expectedEnd" label={t('so.field.expectedEnd')} extra={t('so.field.expectedEndHint')} style={{ flex: 1 }}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="originalDocumentNo" label={t('so.field.originalDocument')} style={{ flex: 1 }}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="originalDocumentDate" label={t('so.field.originalDocumentDate')} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Typography.Text strong>{t('so.field.salesArea')}</Typography.Text>
        <Flex gap={12} style={{ marginTop: 8 }}>
          {(
            [
              ['salesOrg', 'so.field.salesOrg'],
              ['distributionChannel', 'so.field.channel'],
              ['division', 'so.field.division'],
              ['salesOffice', 'so.field.salesOffice'],
            ] as const
          ).map(([name, label]) => (
            <Form.Item key={name} name={name} label={t(label)} style={{ flex: 1 }}>
              <Input maxLength={20} />
            </Form.Item>
          ))}
        </Flex>
        <Divider titlePlacement="start">{t('so.items')}</Divider>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item name={[field.name, 'reason']} rules={[{ required: true, message: t('so.item.reason') }]} style={{ flex: 2 }}>
                    <Select showSearch={{ optionFilterProp: 'label' }} placeholder={t('so.item.reason')} options={codeOptions(catalogs.data, 'reason')} data-testid="so-item-reason" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'material']} style={{ flex: 1 }}>
                    <Input placeholder={t('so.item.material')} maxLength={80} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'quantity']} rules={[{ required: true, message: t('common.fieldRequired', { field: t('so.item.quantity') }) }, numberRange(t, 1, 100_000)]} style={{ width: 90 }}>
                    <InputNumber precision={0} placeholder={t('so.item.quantity')} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'damage']} style={{ flex: 1 }}>
                    <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('so.item.damage')} options={codeOptions(catalogs.data, 'damage')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'reasonText']} style={{ flex: 1 }}>
                    <Input placeholder={t('so.item.reasonText')} maxLength={500} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label="remove" />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })}>
                {t('so.item.add')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </FormModal>
  );
}
