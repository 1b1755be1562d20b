/**
 * The claim page's dialogs: one form each for a step that needs more than a click (a reason, an
 * amount in yuan, a station, a payout reference). Each saves once through the one API wrapper; a
 * refusal shows the server's message and keeps the dialog open. Money steps carry a key made once
 * per dialog, so a double click or a retry is answered and never pays twice.
 */
import { Alert, Form, Input, InputNumber } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { FormModal, useSaveDialog } from '../../components/FormModal';
import { useT } from '../../i18n';
import { numberRange } from '../../components/numberRange';

export interface StepValues {
  reason?: string;
  amountYuan?: number;
  station?: string;
  reference?: string;
}

export interface StepDialogProps {
  title: string;
  okText: string;
  /** what the step does, said before it is done */
  intro?: ReactNode;
  reason?: 'required' | 'optional' | 'none';
  reasonLabel?: string;
  amount?: { label: string; initial?: number; max?: number };
  station?: { initial?: string };
  reference?: { required: boolean };
  danger?: boolean;
  testId: string;
  /** the request; `key` is this dialog's idempotency key */
  onSubmit: (values: StepValues, key: string) => Promise<unknown>;
  onClosed: (saved: boolean) => void;
}

const REASON_MAX = 2000;

export function StepDialog(props: StepDialogProps) {
  const t = useT();
  const [form] = Form.useForm<StepValues>();
  const key = useMemo(() => crypto.randomUUID(), []);
  const { save, modalProps } = useSaveDialog(props.onClosed);
  const reason = props.reason ?? 'required';
  return (
    <FormModal
      form={form}
      title={props.title}
      okText={props.okText}
      okButtonProps={{ danger: props.danger, 'data-testid': `${props.testId}-ok` }}
      {...modalProps}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid={props.testId}
        initialValues={{ amountYuan: props.amount?.initial, station: props.station?.initial }}
        onFinish={(values) => void save(() => props.onSubmit(values, key))}
      >
        {props.intro && <Alert type="info" showIcon message={props.intro} style={{ marginBottom: 16 }} />}
        {props.amount && (
          <Form.Item name="amountYuan" label={props.amount.label} rules={[{ required: true, message: t('claims.form.amountRequired') }, numberRange(t, 0, props.amount.max ?? 100_000_000)]}>
            <InputNumber precision={2} style={{ width: 200 }} addonAfter={t('claims.yuanUnit')} data-testid={`${props.testId}-amount`} />
          </Form.Item>
        )}
        {props.station && (
          <Form.Item name="station" label={t('claims.form.station')} rules={[{ required: true, whitespace: true, message: t('claims.form.stationRequired') }]}>
            <Input maxLength={200} data-testid={`${props.testId}-station`} />
          </Form.Item>
        )}
        {props.reference && (
          <Form.Item
            name="reference"
            label={t('claims.form.reference')}
            extra={t('claims.form.referenceHint')}
            rules={props.reference.required ? [{ required: true, whitespace: true, message: t('claims.form.referenceRequired') }] : []}
          >
            <Input maxLength={200} data-testid={`${props.testId}-reference`} />
          </Form.Item>
        )}
        {reason !== 'none' && (
          <Form.Item
            name="reason"
            label={props.reasonLabel ?? t('claims.form.reason')}
            rules={reason === 'required' ? [{ required: true, whitespace: true, message: t('claims.form.reasonRequired') }] : []}
          >
            <Input.TextArea rows={3} maxLength={REASON_MAX} showCount data-testid={`${props.testId}-reason`} />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}

/** Yuan typed in a form as whole fen (two decimals at most, so exact). */
export function fenFromYuan(yuan: number | undefined): number {
  return Math.round((yuan ?? 0) * 100);
}
