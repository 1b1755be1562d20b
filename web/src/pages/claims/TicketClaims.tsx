/**
 * A ticket's claims (理赔), on the ticket's page: each claim opened from it with its state and
 * amounts, linking to the claim; and "open a claim" for one of the ticket's parcels — the facts are
 * read from the parcel by the server, the proposal computed there, and the new claim's page opens.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Empty, Flex, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { CLAIM_TYPES } from '../../../../src/domain/claims/policy';
import { useAuth } from '../../auth';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { useLocale, useT } from '../../i18n';
import { claimPath } from '../../paths';
import { openClaim, ticketClaims, type ClaimOpenInput } from '../../services/claims';
import type { TicketDetail } from '../../services/tickets';
import { useRemote } from '../../useRemote';
import { fenFromYuan } from './dialogs';
import { amountToDecide, ClaimStateTag, claimTypeLabel, ClaimTypeTag, formatYuan } from './labels';
import { numberRange } from '../../components/numberRange';

const DESCRIPTION_MAX = 4000;

export function TicketClaimsCard({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [opening, setOpening] = useState(false);
  const desk = can('tickets.work');
  // Claims are the desk's: department staff answering a question on the ticket do not read them.
  const claims = useRemote((signal) => (desk ? ticketClaims(ticket.id, signal) : Promise.resolve([])), [desk, ticket.id, ticket.version]);
  const waybills = ticket.shipments.filter((s) => s.known).map((s) => s.waybillNo);
  const mayOpen = desk && ticket.status !== 'closed' && !ticket.mergedIntoId && waybills.length > 0;
  const list = claims.data ?? [];
  if (!desk) return null;

  return (
    <Card
      size="small"
      title={list.length ? t('claims.ticket.titleCount', { count: list.length }) : t('claims.ticket.title')}
      extra={
        mayOpen && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="claim-open">
            {t('claims.ticket.open')}
          </Button>
        )
      }
      loading={claims.loading && !claims.data}
      data-testid="ticket-claims"
    >
      {list.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('claims.ticket.none')} style={{ margin: 0 }} />
      ) : (
        <Flex vertical gap={10}>
          {list.map((c) => (
            <Flex key={c.id} justify="space-between" align="center" gap={8} wrap data-testid="ticket-claim">
              <Space size={6} wrap>
                <Link to={claimPath(c.id)}>{c.waybillNo}</Link>
                <ClaimTypeTag type={c.type} />
                <ClaimStateTag state={c.state} />
              </Space>
              <Typography.Text type="secondary">
                {t('claims.ticket.amounts', { claimed: formatYuan(c.claimedFen), proposed: formatYuan(c.approvedFen ?? amountToDecide(c)) })}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
      {opening && (
        <OpenClaimDialog
          ticketId={ticket.id}
          waybills={waybills}
          onClosed={(id) => {
            setOpening(false);
            if (id) void navigate(claimPath(id));
          }}
        />
      )}
    </Card>
  );
}

interface OpenValues {
  waybillNo: string;
  type: ClaimOpenInput['type'];
  claimantSide: 'sender' | 'recipient';
  claimedYuan: number;
  description: string;
  damagedSharePercent?: number;
  assessedYuan?: number;
  weightAtDeliveryKg?: number;
  perishable?: boolean;
  timeCritical?: boolean;
}

/** Share of the value lost applies to damage, short contents and frozen/spoiled; weight to short contents; the flags to delay. */
const SHARE_TYPES = new Set(['damage', 'short_contents', 'frozen_spoiled']);

function OpenClaimDialog({ ticketId, waybills, onClosed }: { ticketId: string; waybills: string[]; onClosed: (id: string | null) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<OpenValues>();
  const [created, setCreated] = useState<string | null>(null);
  const { save, modalProps } = useSaveDialog(() => onClosed(created));
  const type = Form.useWatch('type', form);

  function submit(v: OpenValues) {
    const input: ClaimOpenInput = {
      waybillNo: v.waybillNo,
      type: v.type,
      claimantSide: v.claimantSide,
      claimedFen: fenFromYuan(v.claimedYuan),
      description: v.description.trim(),
      ...(v.damagedSharePercent !== undefined && v.damagedSharePercent !== null && SHARE_TYPES.has(v.type) && { damagedShareBp: Math.round(v.damagedSharePercent * 100) }),
      ...(v.assessedYuan !== undefined && v.assessedYuan !== null && { assessedValueFen: fenFromYuan(v.assessedYuan) }),
      ...(v.weightAtDeliveryKg !== undefined && v.weightAtDeliveryKg !== null && v.type === 'short_contents' && { weightAtDeliveryGrams: Math.round(v.weightAtDeliveryKg * 1000) }),
      ...(v.type === 'delay' && { perishable: Boolean(v.perishable), timeCritical: Boolean(v.timeCritical) }),
    };
    void save(async () => {
      const { id } = await openClaim(ticketId, input);
      setCreated(id);
    });
  }

  return (
    <FormModal form={form} title={t('claims.ticket.open')} okText={t('claims.ticket.openOk')} okButtonProps={{ 'data-testid': 'claim-open-ok' }} width={560} {...modalProps}>
      <Form<OpenValues>
        form={form}
        layout="vertical"
        data-testid="claim-open-form"
        initialValues={{ waybillNo: waybills[0], claimantSide: 'sender' }}
        onFinish={submit}
      >
        <Form.Item name="waybillNo" label={t('claims.col.waybill')} rules={[{ required: true }]}>
          <Select options={waybills.map((w) => ({ value: w, label: w }))} data-testid="claim-open-waybill" />
        </Form.Item>
        <Form.Item name="type" label={t('claims.col.type')} rules={[{ required: true, message: t('claims.form.typeRequired') }]}>
          <Radio.Group optionType="button" options={CLAIM_TYPES.map((c) => ({ value: c, label: claimTypeLabel(c, locale) }))} data-testid="claim-open-type" />
        </Form.Item>
        <Form.Item name="claimantSide" label={t('claims.form.claimant')}>
          <Radio.Group
            options={[
              { value: 'sender', label: t('claims.side.sender') },
              { value: 'recipient', label: t('claims.side.recipient') },
            ]}
          />
        </Form.Item>
        <Form.Item name="claimedYuan" label={t('claims.form.claimed')} rules={[{ required: true, message: t('claims.form.amountRequired') }, numberRange(t, 0.01, 100_000_000)]}>
          <InputNumber precision={2} style={{ width: 220 }} addonAfter={t('claims.yuanUnit')} data-testid="claim-open-amount" />
        </Form.Item>
        {type && SHARE_TYPES.has(type) && (
          <Form.Item name="damagedSharePercent" label={t('claims.form.share')} extra={t('claims.form.shareHint')} rules={[numberRange(t, 0.01, 100)]}>
            <InputNumber precision={2} style={{ width: 160 }} addonAfter="%" />
          </Form.Item>
        )}
        {type && type !== 'delay' && (
          <Form.Item name="assessedYuan" label={t('claims.form.assessed')} extra={t('claims.form.assessedHint')} rules={[numberRange(t, 0, 100_000_000)]}>
            <InputNumber precision={2} style={{ width: 220 }} addonAfter={t('claims.yuanUnit')} />
          </Form.Item>
        )}
        {type === 'short_contents' && (
          <Form.Item name="weightAtDeliveryKg" label={t('claims.form.weight')} rules={[numberRange(t, 0, 1_000_000)]}>
            <InputNumber precision={3} style={{ width: 160 }} addonAfter="kg" />
          </Form.Item>
        )}
        {type === 'delay' && (
          <Space size={16} style={{ marginBottom: 16 }}>
            <Form.Item name="perishable" valuePropName="checked" noStyle>
              <Checkbox>{t('claims.facts.perishable')}</Checkbox>
            </Form.Item>
            <Form.Item name="timeCritical" valuePropName="checked" noStyle>
              <Checkbox>{t('claims.facts.timeCritical')}</Checkbox>
            </Form.Item>
          </Space>
        )}
        <Form.Item name="description" label={t('claims.facts.description')} rules={[{ required: true, whitespace: true, message: t('claims.form.descriptionRequired') }]}>
          <Input.TextArea rows={3} maxLength={DESCRIPTION_MAX} showCount data-testid="claim-open-description" />
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('claims.ticket.openHint')}
        </Typography.Text>
      </Form>
    </FormModal>
  );
}
