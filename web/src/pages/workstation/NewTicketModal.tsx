/**
 * 新建工单: an agent records a contact as a ticket and owns it (首问负责制). On the phone or at the
 * counter the answer given on the spot is recorded too, and counts as the first response. As the
 * agent types the waybills and the phone, the form shows the customer's case that is not closed yet
 * (GET /api/tickets/open-cases) and offers to add the contact to it or open a linked ticket for its
 * owner; the server asks the same (409 TICKET_OPEN_CASE) if the form had not seen it yet.
 */
import { Alert, App, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { isAbortError } from '../../api';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { useLocale, useT } from '../../i18n';
import { createTicket, openCases, type NewTicket, type OpenCases, type TicketCode } from '../../services/tickets';
import { CHANNELS, CUSTOMER_NAME_MAX, LIVE_CHANNELS, normalizeWaybillNo, TICKET_KINDS, TICKET_SUBJECT_MAX, TICKET_TEXT_MAX, WAYBILL_PATTERN } from '../../shared';
import { PhraseFindings, usePhraseCheck } from '../tickets/PhraseGuard';
import { codeOptions } from '../tickets/TicketActions';
import { channelLabel, kindLabel, statusLabel, ticketPath } from '../tickets/parts';

interface Values {
  kind: NewTicket['kind'];
  channel: NewTicket['channel'];
  subject: string;
  description?: string;
  waybillNos?: string[];
  customerName?: string;
  customerPhone?: string;
  categoryCode?: string;
  answer?: string;
}

const waybillPattern = new RegExp(WAYBILL_PATTERN);
const PHONE_PATTERN = /^[0-9+ -]{5,20}$/;
// The system opens exception tickets itself; people open the others.
const KINDS = TICKET_KINDS.filter((k) => k !== 'exception');
const PEOPLE_CHANNELS = CHANNELS.filter((c) => c !== 'system');

export function NewTicketModal({
  codes,
  onClose,
}: {
  codes: readonly TicketCode[];
  onClose(created: { id: string; number: string } | null): void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<Values>();
  const created = useRef<{ id: string; number: string } | null>(null);
  const { save, modalProps } = useSaveDialog(() => onClose(created.current));
  const channel = Form.useWatch('channel', form);
  const live = channel !== undefined && (LIVE_CHANNELS as readonly string[]).includes(channel);
  const answer = Form.useWatch('answer', form) ?? '';
  // The answer given on the spot goes to the customer as the first reply: same phrase rules.
  const answerCheck = usePhraseCheck(live ? answer : '', live);
  const answerRefused = answerCheck !== null && answerCheck.text === answer && !answerCheck.allowed;
  const { message } = App.useApp();
  const openCase = useOpenCase(form);
  const [choice, setChoice] = useState<'join' | 'separate'>('join');
  const kase = openCase.found?.cases.find((c) => c.suggestion !== null) ?? null;
  useEffect(() => setChoice(kase?.suggestion === 'link' ? 'separate' : 'join'), [kase?.id, kase?.suggestion]);

  async function submit(v: Values) {
    if (live && answerRefused) return;
    await save(async () => {
      try {
        const result = await createTicket({
        kind: v.kind,
        channel: v.channel,
        subject: v.subject.trim(),
        description: v.description?.trim() || undefined,
        waybillNos: v.waybillNos?.length ? v.waybillNos.map(normalizeWaybillNo) : undefined,
        customerName: v.customerName?.trim() || undefined,
        customerPhone: v.customerPhone?.trim() || undefined,
        categoryCode: v.categoryCode,
        answer: live ? v.answer?.trim() || undefined : undefined,
        ...(kase ? { followUp: { ticketId: kase.id, as: choice } } : {}),
        });
        created.current = result;
        if (result.outcome === 'joined') void message.success(t('tickets.new.joined', { number: result.number, owner: result.ownerName ?? t('tickets.new.openCase.noOwner') }));
        if (result.outcome === 'linked') void message.success(t('tickets.new.linked', { number: result.number, owner: result.ownerName ?? '' }));
      } catch (error) {
        // A case the form had not seen yet: show it, the agent chooses and sends again.
        openCase.recheck();
        throw error;
      }
    });
  }

  return (
    <FormModal
      {...modalProps}
      title={t('tickets.new.title')}
      okText={t('tickets.new.ok')}
      okButtonProps={{ 'data-testid': 'new-ticket-ok' }}
      form={form}
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'query', channel: 'phone' }}
        autoComplete="off"
        data-testid="new-ticket-form"
      >
        <Flex2>
          <Form.Item name="kind" label={t('tickets.field.kind')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))} data-testid="new-ticket-kind" />
          </Form.Item>
          <Form.Item name="channel" label={t('tickets.field.channel')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={PEOPLE_CHANNELS.map((c) => ({ value: c, label: channelLabel(t, c) }))} />
          </Form.Item>
        </Flex2>
        <Form.Item
          name="subject"
          label={t('tickets.field.subject')}
          rules={[
            { required: true, whitespace: true, message: t('tickets.v.subject') },
            { max: TICKET_SUBJECT_MAX, message: t('tickets.v.max', { max: TICKET_SUBJECT_MAX }) },
          ]}
        >
          <Input maxLength={120} placeholder={t('tickets.new.subjectPlaceholder')} data-testid="new-ticket-subject" />
        </Form.Item>
        <Form.Item name="description" label={t('tickets.field.description')} rules={[{ max: TICKET_TEXT_MAX }]}>
          <Input.TextArea rows={3} maxLength={10_000} placeholder={t('tickets.new.descriptionPlaceholder')} data-testid="new-ticket-description" />
        </Form.Item>
        <Form.Item
          name="waybillNos"
          label={t('tickets.field.waybills')}
          extra={t('tickets.new.waybillsHint')}
          rules={[
            {
              validator: async (_, value: string[] | undefined) => {
                const bad = (value ?? []).find((w) => !waybillPattern.test(w.trim().toUpperCase()));
                if (bad) throw new Error(t('tickets.v.waybill', { value: bad }));
                if ((value ?? []).length > 20) throw new Error(t('tickets.v.waybillsMax'));
              },
            },
          ]}
        >
          <Select mode="tags" tokenSeparators={[',', '，', ' ', '\n']} open={false} suffixIcon={null} data-testid="new-ticket-waybills" />
        </Form.Item>
        <Flex2>
          <Form.Item name="customerName" label={t('tickets.field.customerName')} rules={[{ max: CUSTOMER_NAME_MAX }]} style={{ flex: 1 }}>
            <Input maxLength={64} data-testid="new-ticket-customer" />
          </Form.Item>
          <Form.Item
            name="customerPhone"
            label={t('tickets.field.customerPhone')}
            rules={[{ pattern: PHONE_PATTERN, message: t('tickets.v.phone') }]}
            style={{ flex: 1 }}
          >
            <Input maxLength={20} data-testid="new-ticket-phone" />
          </Form.Item>
        </Flex2>
        {kase && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="new-ticket-open-case"
            title={t('tickets.new.openCase.title')}
            description={
              <Flex vertical gap={8}>
                {openCase.found!.cases.map((c) => (
                  <div key={c.id} data-case={c.number}>
                    <Link to={ticketPath(c.id)} target="_blank">
                      <strong>#{c.number}</strong>
                    </Link>{' '}
                    {c.subject}
                    <Typography.Text type="secondary">
                      {' '}
                      · {kindLabel(t, c.kind)} · {statusLabel(t, c.status)} ·{' '}
                      {c.ownerName ? t('tickets.new.openCase.owner', { name: c.ownerName }) : t('tickets.new.openCase.noOwner')}
                    </Typography.Text>
                  </div>
                ))}
                <Typography.Text type="secondary">
                  {t(kase.suggestion === 'join' ? 'tickets.new.openCase.suggestJoin' : 'tickets.new.openCase.suggestLink')}
                </Typography.Text>
                <Radio.Group value={choice} onChange={(event) => setChoice(event.target.value as 'join' | 'separate')} data-testid="new-ticket-open-case-choice">
                  <Flex vertical gap={4}>
                    <Radio value="join" data-testid="open-case-join">
                      <strong>{t('tickets.new.openCase.join')}</strong> — {t('tickets.new.openCase.joinHint')}
                    </Radio>
                    <Radio value="separate" data-testid="open-case-separate">
                      <strong>{t('tickets.new.openCase.separate')}</strong> — {t('tickets.new.openCase.separateHint')}
                    </Radio>
                  </Flex>
                </Radio.Group>
              </Flex>
            }
          />
        )}
        <Form.Item name="categoryCode" label={t('tickets.field.category')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={codeOptions(codes, 'category', locale)} />
        </Form.Item>
        {live && (
          <Form.Item
            name="answer"
            label={t('tickets.new.answer')}
            extra={t('tickets.new.answerHint')}
            rules={[{ max: TICKET_TEXT_MAX }]}
          >
            <Input.TextArea rows={3} maxLength={10_000} data-testid="new-ticket-answer" />
          </Form.Item>
        )}
        {live && (
          <div style={{ marginBottom: 16 }}>
            <PhraseFindings check={answerCheck} refused={false} />
          </div>
        )}
        <Typography.Text type="secondary">{t('tickets.new.ownership')}</Typography.Text>
      </Form>
    </FormModal>
  );
}

/**
 * The open case of what is typed so far: asked again 400 ms after the waybills, the phone or the
 * kind change (only well-formed ones are sent), and on demand after the server named a case.
 */
function useOpenCase(form: ReturnType<typeof Form.useForm<Values>>[0]) {
  const waybills = Form.useWatch('waybillNos', form);
  const phone = Form.useWatch('customerPhone', form);
  const kind = Form.useWatch('kind', form);
  const [found, setFound] = useState<OpenCases | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const waybillNos = (waybills ?? []).map(normalizeWaybillNo).filter((w) => waybillPattern.test(w)).slice(0, 20);
    const customerPhone = phone && PHONE_PATTERN.test(phone.trim()) ? phone.trim() : undefined;
    if (waybillNos.length === 0 && !customerPhone) {
      setFound(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      openCases({ waybillNos, customerPhone, kind }, controller.signal)
        .then((answer) => setFound(answer.plan === 'new' ? null : answer))
        .catch((error: unknown) => {
          // The lookup only helps; creating the ticket asks the server again.
          if (!isAbortError(error)) setFound(null);
        });
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [waybills, phone, kind, generation]);
  return { found, recheck: () => setGeneration((n) => n + 1) };
}

function Flex2({ children }: { children: ReactNode }) {
  return <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>{children}</div>;
}
