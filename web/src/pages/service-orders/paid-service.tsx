/**
 * Paid service on a notification's page (docs/product.md §4 "Paid service"): its quotations
 * (服务销售订单) with lines, tax by rate and 价税合计 in capitals, and one button per step the server
 * says the signed-in user may take now — write and change a draft, ask for and give a supervisor's
 * approval of headquarters' price, send it (the customer's link, shown once), record the customer's
 * phone answer and the acceptance (验收确认), write the service invoice (服务销售发票) — and the two
 * PDFs. It says plainly that the invoice is not issued on the national e-invoice platform.
 */
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { DEFAULT_TAX_CATEGORY, LINE_KIND_LABELS, LINE_KINDS, TAX_CATEGORIES, VAT_RATES, type LineKind, type TaxCategory } from '../../../../src/domain/service-orders/vat';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { fenToYuan, formatDateTime, todayIn } from '../../format';
import { useLocale, useT, type MessageKey } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import {
  createQuotation,
  editQuotation,
  invoicePdfUrl,
  listQuotations,
  moveQuotation,
  newQuoteLink,
  quotationPdfUrl,
  recordAcceptance,
  recordPhoneAnswer,
  writeInvoice,
  type DeskMove,
  type Quotation,
} from '../../services/paid-service';
import { useRemote } from '../../useRemote';
import { numberRange } from '../../components/numberRange';

const STATE_COLORS: Record<string, string> = { draft: 'default', awaiting_approval: 'orange', approved: 'cyan', sent: 'blue', confirmed: 'green', declined: 'red', expired: 'red', accepted: 'purple', invoiced: 'gold', cancelled: 'default' };
const rate = (bp: number) => `${bp / 100}%`;

type Dialog =
  | { kind: 'editor'; quotation: Quotation | null }
  | { kind: 'move'; quotation: Quotation; action: DeskMove }
  | { kind: 'phone'; quotation: Quotation }
  | { kind: 'accept'; quotation: Quotation }
  | { kind: 'link'; path: string };

export function PaidServiceSection({ notificationId, onChanged }: { notificationId: string; onChanged: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const list = useRemote((signal) => listQuotations(notificationId, signal), [notificationId]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const data = list.data;
  const closed = (done: string | null) => {
    setDialog(null);
    if (done) {
      void message.success(done);
      list.reload();
      onChanged();
    }
  };
  const link = async (q: Quotation) => {
    try {
      const res = await newQuoteLink(notificationId, q.id, q.version);
      if (res.link) setDialog({ kind: 'link', path: res.link.path });
      list.reload();
      onChanged();
    } catch (error) {
      handleError(error);
    }
  };
  const invoice = async (q: Quotation) => {
    try {
      const res = await writeInvoice(notificationId, q.id, q.version);
      void message.success(t('paid.invoice.done', { number: res.invoice.number }));
      list.reload();
      onChanged();
    } catch (error) {
      handleError(error);
      list.reload();
    }
  };

  return (
    <Card
      title={t('paid.title')}
      loading={!data}
      data-testid="paid-service"
      extra={
        data?.canCreate && (
          <Button onClick={() => setDialog({ kind: 'editor', quotation: null })} data-testid="paid-new">
            {t('paid.new')}
          </Button>
        )
      }
    >
      {data && (
        <Flex vertical gap={16}>
          {!data.platform.connected && <Alert type="warning" showIcon title={`${t('paid.platform')}：${data.platform.notice[locale]}`} data-testid="paid-platform" />}
          {data.quotations.length === 0 && <Typography.Text type="secondary">{t('paid.none')}</Typography.Text>}
          {data.quotations.map((q) => (
            <Card
              key={q.id}
              size="small"
              data-testid={`paid-quote-${q.number}`}
              title={
                <Space wrap>
                  <Typography.Text strong>{q.number}</Typography.Text>
                  <Tag color={STATE_COLORS[q.state]} data-testid="paid-state">
                    {t(`paid.state.${q.state}` as MessageKey)}
                  </Tag>
                  {q.expired && q.state === 'sent' && <Tag color="red">{t('paid.expired')}</Tag>}
                  {q.needsHeadquartersPrice && <Tag>{t('paid.hq')}</Tag>}
                </Space>
              }
            >
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('paid.validUntil')}>{q.validUntil}</Descriptions.Item>
                <Descriptions.Item label={t('paid.createdBy')}>{`${q.createdBy ?? '—'} · ${formatDateTime(q.createdAt)}`}</Descriptions.Item>
                {q.approval && (
                  <Descriptions.Item label={t('paid.approval')}>
                    {q.approval.approvedBy ? t('paid.approval.value', { requestedBy: q.approval.requestedBy ?? '—', approvedBy: q.approval.approvedBy }) : t('paid.approval.waiting', { requestedBy: q.approval.requestedBy ?? '—' })}
                  </Descriptions.Item>
                )}
                {q.answer && (
                  <Descriptions.Item label={t('paid.answer')}>
                    {`${t(`paid.answer.${q.answer.answer}` as MessageKey)} · ${t(`paid.channel.${q.answer.channel}` as MessageKey)}${q.answer.recordedBy ? `（${q.answer.recordedBy}）` : ''} · ${formatDateTime(q.answer.at)}${q.answer.reason ? ` · ${q.answer.reason}` : ''}`}
                  </Descriptions.Item>
                )}
                {q.acceptance && (
                  <Descriptions.Item label={t('paid.acceptance')}>
                    {`${q.acceptance.acceptedBy} · ${t(`paid.channel.${q.acceptance.channel}` as MessageKey)} · ${formatDateTime(q.acceptance.at)}${q.acceptance.remarks ? ` · ${q.acceptance.remarks}` : ''}`}
                  </Descriptions.Item>
                )}
                {q.invoice && (
                  <Descriptions.Item label={t('paid.invoice')} span={2}>
                    <span data-testid="paid-invoice">
                      {`${q.invoice.number} · ¥${fenToYuan(q.invoice.grossFen)} · ${formatDateTime(q.invoice.issuedAt)} · `}
                      <Typography.Text type={q.invoice.platformStatus === 'issued' ? 'success' : 'warning'}>
                        {q.invoice.platformStatus === 'issued' ? t('paid.invoice.issued', { no: q.invoice.platformInvoiceNo ?? '' }) : q.invoice.platformStatus === 'pending' ? t('paid.invoice.pending') : t('paid.invoice.recorded')}
                      </Typography.Text>
                    </span>
                  </Descriptions.Item>
                )}
              </Descriptions>
              <Table
                rowKey="position"
                size="small"
                pagination={false}
                scroll={{ x: true }}
                dataSource={q.lines}
                columns={[
                  { title: t('paid.col.kind'), dataIndex: 'kind', render: (k: LineKind) => LINE_KIND_LABELS[k][locale === 'zh-CN' ? 'zh' : 'en'] },
                  { title: t('paid.col.description'), dataIndex: 'description' },
                  { title: t('paid.col.quantity'), key: 'q', align: 'right', render: (_, l) => `${l.quantity} ${l.unit}` },
                  { title: t('paid.col.unitPrice'), dataIndex: 'unitPriceFen', align: 'right', render: (v: number) => fenToYuan(v) },
                  { title: t('paid.col.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => fenToYuan(v) },
                  { title: t('paid.col.rate'), dataIndex: 'rateBp', align: 'right', render: rate },
                  { title: t('paid.col.tax'), dataIndex: 'taxFen', align: 'right', render: (v: number) => fenToYuan(v) },
                ]}
              />
              <Flex vertical style={{ marginTop: 8 }}>
                <Typography.Text strong data-testid="paid-totals">
                  {t('paid.totals', { net: fenToYuan(q.totals.netFen), tax: fenToYuan(q.totals.taxFen), gross: fenToYuan(q.totals.grossFen), words: q.totals.grossInWords })}
                </Typography.Text>
                {q.totals.byRate.length > 1 &&
                  q.totals.byRate.map((r) => (
                    <Typography.Text key={r.rateBp} type="secondary">
                      {t('paid.byRate', { rate: rate(r.rateBp), net: fenToYuan(r.netFen), tax: fenToYuan(r.taxFen) })}
                    </Typography.Text>
                  ))}
              </Flex>
              <Flex gap={8} wrap style={{ marginTop: 12 }}>
                {q.allowed.map((a) => {
                  const label = t(`paid.action.${a}` as MessageKey);
                  const testId = `paid-action-${a}`;
                  if (a === 'edit') return <Button key={a} onClick={() => setDialog({ kind: 'editor', quotation: q })} data-testid={testId}>{label}</Button>;
                  if (a === 'answer_phone') return <Button key={a} onClick={() => setDialog({ kind: 'phone', quotation: q })} data-testid={testId}>{label}</Button>;
                  if (a === 'accept') return <Button key={a} type="primary" onClick={() => setDialog({ kind: 'accept', quotation: q })} data-testid={testId}>{label}</Button>;
                  if (a === 'new_link') return <Button key={a} onClick={() => void link(q)} data-testid={testId}>{label}</Button>;
                  if (a === 'invoice')
                    return (
                      <Popconfirm key={a} title={t('paid.invoice.confirm')} description={data.platform.connected ? undefined : data.platform.notice[locale]} onConfirm={() => invoice(q)} okButtonProps={{ 'data-testid': 'paid-invoice-confirm' }}>
                        <Button type="primary" data-testid={testId}>{label}</Button>
                      </Popconfirm>
                    );
                  return (
                    <Button key={a} type={a === 'send' || a === 'approve' ? 'primary' : 'default'} danger={a === 'cancel' || a === 'reject'} onClick={() => setDialog({ kind: 'move', quotation: q, action: a as DeskMove })} data-testid={testId}>
                      {label}
                    </Button>
                  );
                })}
                {q.lines.length > 0 && (
                  <Button href={quotationPdfUrl(notificationId, q.id)} download data-testid="paid-quote-pdf">
                    {t('paid.action.quotePdf')}
                  </Button>
                )}
                {q.invoice && (
                  <Button href={invoicePdfUrl(notificationId, q.id)} download data-testid="paid-invoice-pdf">
                    {t('paid.action.invoicePdf')}
                  </Button>
                )}
              </Flex>
            </Card>
          ))}
        </Flex>
      )}
      {dialog?.kind === 'editor' && <QuotationEditor notificationId={notificationId} quotation={dialog.quotation} onClosed={(saved) => closed(saved ? t('paid.editor.title') : null)} />}
      {dialog?.kind === 'move' && (
        <MoveDialog
          notificationId={notificationId}
          quotation={dialog.quotation}
          action={dialog.action}
          onClosed={(res) => {
            if (res?.link) {
              setDialog({ kind: 'link', path: res.link.path });
              list.reload();
            } else closed(res ? t('paid.done', { state: t(`paid.state.${res.state}` as MessageKey) }) : null);
          }}
        />
      )}
      {dialog?.kind === 'phone' && <PhoneAnswerDialog notificationId={notificationId} quotation={dialog.quotation} onClosed={(state) => closed(state ? t('paid.done', { state: t(`paid.state.${state}` as MessageKey) }) : null)} />}
      {dialog?.kind === 'accept' && <AcceptanceDialog notificationId={notificationId} quotation={dialog.quotation} onClosed={(state) => closed(state ? t('paid.done', { state: t(`paid.state.${state}` as MessageKey) }) : null)} />}
      {dialog?.kind === 'link' && (
        <Modal open title={t('paid.link.title')} onOk={() => closed(t('paid.done', { state: t('paid.state.sent') }))} onCancel={() => closed(t('paid.done', { state: t('paid.state.sent') }))} cancelButtonProps={{ style: { display: 'none' } }}>
          <Typography.Paragraph>{t('paid.link.body')}</Typography.Paragraph>
          <Typography.Paragraph copyable code data-testid="paid-link">
            {`${window.location.origin}${dialog.path}`}
          </Typography.Paragraph>
        </Modal>
      )}
    </Card>
  );
}

interface LineForm {
  kind: LineKind;
  description: string;
  quantity: number;
  unit: string;
  unitPriceYuan: number;
  taxCategory: TaxCategory;
}
interface EditorForm {
  validUntil: Dayjs;
  needsHeadquartersPrice: boolean;
  note?: string;
  lines: LineForm[];
}

function QuotationEditor({ notificationId, quotation, onClosed }: { notificationId: string; quotation: Quotation | null; onClosed: (saved: boolean) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const [form] = Form.useForm<EditorForm>();
  const { save, modalProps } = useSaveDialog(onClosed);
  const initial: EditorForm = quotation
    ? {
        validUntil: dayjs(quotation.validUntil),
        needsHeadquartersPrice: quotation.needsHeadquartersPrice,
        note: quotation.note,
        lines: quotation.lines.map((l) => ({ kind: l.kind as LineKind, description: l.description, quantity: l.quantity, unit: l.unit, unitPriceYuan: l.unitPriceFen / 100, taxCategory: l.taxCategory as TaxCategory })),
      }
    : { validUntil: dayjs(todayIn()).add(7, 'day'), needsHeadquartersPrice: false, lines: [{ kind: 'labour', description: '', quantity: 1, unit: '小时', unitPriceYuan: 0, taxCategory: DEFAULT_TAX_CATEGORY.labour }] };
  return (
    <FormModal form={form} title={t('paid.editor.title')} okText={t('common.save')} width={900} {...modalProps}>
      <Form<EditorForm>
        form={form}
        layout="vertical"
        initialValues={initial}
        data-testid="paid-editor"
        onFinish={(values) =>
          save(() => {
            const input = {
              validUntil: values.validUntil.format('YYYY-MM-DD'),
              needsHeadquartersPrice: values.needsHeadquartersPrice,
              ...(values.note?.trim() && { note: values.note.trim() }),
              lines: (values.lines ?? []).map((l) => ({ kind: l.kind, description: l.description.trim(), quantity: l.quantity, unit: l.unit.trim(), unitPriceFen: Math.round(l.unitPriceYuan * 100), taxCategory: l.taxCategory })),
            };
            return quotation ? editQuotation(notificationId, quotation.id, { ...input, version: quotation.version }) : createQuotation(notificationId, input);
          })
        }
      >
        <Flex gap={16} wrap align="end">
          <Form.Item name="validUntil" label={t('paid.editor.validUntil')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(todayIn()), 'day')} data-testid="paid-valid-until" />
          </Form.Item>
          <Form.Item name="needsHeadquartersPrice" valuePropName="checked">
            <Checkbox data-testid="paid-hq">{t('paid.editor.hq')}</Checkbox>
          </Form.Item>
        </Flex>
        <Typography.Text type="secondary">{t('paid.editor.priceHint')}</Typography.Text>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4} style={{ marginTop: 8 }}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} wrap align="start" data-testid={`paid-line-${i}`}>
                  <Form.Item name={[field.name, 'kind']} rules={[{ required: true, message: t('common.fieldRequired', { field: t('paid.col.kind') }) }]} style={{ width: 110 }}>
                    <Select
                      options={LINE_KINDS.map((k) => ({ value: k, label: LINE_KIND_LABELS[k][lang] }))}
                      onChange={(k: LineKind) => form.setFieldValue(['lines', field.name, 'taxCategory'], DEFAULT_TAX_CATEGORY[k])}
                      data-testid="paid-line-kind"
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'description']} rules={[{ required: true, whitespace: true, message: t('common.fieldRequired', { field: t('paid.col.description') }) }, { max: 200, message: t('common.tooLong', { field: t('paid.col.description'), max: 200 }) }]} style={{ flex: 1, minWidth: 160 }}>
                    <Input placeholder={t('paid.col.description')} data-testid="paid-line-description" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'quantity']} rules={[{ required: true, message: t('common.fieldRequired', { field: t('paid.col.quantity') }) }, numberRange(t, 0.001, 9999.999)]} style={{ width: 90 }}>
                    <InputNumber step={1} precision={3} placeholder={t('paid.col.quantity')} style={{ width: '100%' }} data-testid="paid-line-quantity" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'unit']} rules={[{ required: true, whitespace: true, message: t('common.fieldRequired', { field: t('paid.col.unit') }) }, { max: 10, message: t('common.tooLong', { field: t('paid.col.unit'), max: 10 }) }]} style={{ width: 70 }}>
                    <Input placeholder={t('paid.col.unit')} data-testid="paid-line-unit" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'unitPriceYuan']} rules={[{ required: true, message: t('common.fieldRequired', { field: t('paid.col.unitPrice') }) }, numberRange(t, 0, 1_000_000)]} style={{ width: 120 }}>
                    <InputNumber precision={2} placeholder={t('paid.col.unitPrice')} style={{ width: '100%' }} data-testid="paid-line-price" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'taxCategory']} rules={[{ required: true, message: t('common.fieldRequired', { field: t('paid.col.taxCategory') }) }]} style={{ width: 190 }}>
                    <Select options={TAX_CATEGORIES.map((c) => ({ value: c, label: `${VAT_RATES[c].label[lang]} ${rate(VAT_RATES[c].rateBp)}` }))} data-testid="paid-line-tax" />
                  </Form.Item>
                  <Button type="text" danger onClick={() => remove(field.name)} disabled={fields.length === 1}>
                    ×
                  </Button>
                </Flex>
              ))}
              <Button type="dashed" onClick={() => add({ kind: 'parts', description: '', quantity: 1, unit: '件', unitPriceYuan: 0, taxCategory: DEFAULT_TAX_CATEGORY.parts })} data-testid="paid-add-line">
                {t('paid.editor.addLine')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Form.Item name="note" label={t('paid.editor.note')} style={{ marginTop: 12 }}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function MoveDialog({ notificationId, quotation, action, onClosed }: { notificationId: string; quotation: Quotation; action: DeskMove; onClosed: (result: { state: string; link?: { path: string } } | null) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ note?: string }>();
  const [result, setResult] = useState<{ state: string; link?: { path: string } } | null>(null);
  const { save, modalProps } = useSaveDialog(() => onClosed(result));
  return (
    <FormModal form={form} title={`${quotation.number} · ${t(`paid.action.${action}` as MessageKey)}`} okText={t(`paid.action.${action}` as MessageKey)} {...modalProps}>
      <Form
        form={form}
        layout="vertical"
        data-testid="paid-move-form"
        onFinish={(values) =>
          save(async () => {
            const res = await moveQuotation(notificationId, quotation.id, { version: quotation.version, action, ...(values.note?.trim() && { note: values.note.trim() }) });
            setResult(res.link ? { state: res.state, link: { path: res.link.path } } : { state: res.state });
          })
        }
      >
        <Form.Item name="note" label={t('paid.move.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function PhoneAnswerDialog({ notificationId, quotation, onClosed }: { notificationId: string; quotation: Quotation; onClosed: (state: string | null) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ answer: 'confirm' | 'decline'; note?: string }>();
  const [state, setState] = useState<string | null>(null);
  const { save, modalProps } = useSaveDialog(() => onClosed(state));
  return (
    <FormModal form={form} title={t('paid.phone.title')} okText={t('common.save')} {...modalProps}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ answer: 'confirm' }}
        data-testid="paid-phone-form"
        onFinish={(values) =>
          save(async () => {
            const res = await recordPhoneAnswer(notificationId, quotation.id, { version: quotation.version, answer: values.answer, ...(values.note?.trim() && { note: values.note.trim() }) });
            setState(res.state);
          })
        }
      >
        <Form.Item name="answer" label={t('paid.phone.answer')}>
          <Radio.Group options={[{ value: 'confirm', label: t('paid.phone.confirm') }, { value: 'decline', label: t('paid.phone.decline') }]} />
        </Form.Item>
        <Form.Item name="note" label={t('paid.phone.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function AcceptanceDialog({ notificationId, quotation, onClosed }: { notificationId: string; quotation: Quotation; onClosed: (state: string | null) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ channel: 'on_site' | 'phone'; acceptedBy: string; remarks?: string }>();
  const [state, setState] = useState<string | null>(null);
  const { save, modalProps } = useSaveDialog(() => onClosed(state));
  return (
    <FormModal form={form} title={t('paid.accept.title')} okText={t('paid.action.accept')} {...modalProps}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ channel: 'on_site' }}
        data-testid="paid-accept-form"
        onFinish={(values) =>
          save(async () => {
            const res = await recordAcceptance(notificationId, quotation.id, { version: quotation.version, channel: values.channel, acceptedBy: values.acceptedBy.trim(), ...(values.remarks?.trim() && { remarks: values.remarks.trim() }) });
            setState(res.state);
          })
        }
      >
        <Form.Item name="channel" label={t('paid.accept.channel')}>
          <Radio.Group options={[{ value: 'on_site', label: t('paid.channel.on_site') }, { value: 'phone', label: t('paid.channel.phone') }]} />
        </Form.Item>
        <Form.Item name="acceptedBy" label={t('paid.accept.by')} rules={[{ required: true, whitespace: true, max: 50 }]}>
          <Input maxLength={50} data-testid="paid-accepted-by" />
        </Form.Item>
        <Form.Item name="remarks" label={t('paid.accept.remarks')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
