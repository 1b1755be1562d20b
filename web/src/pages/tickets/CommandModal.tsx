import { App, Form, type FormInstance } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { FormModal } from '../../components/FormModal';
import { useRequestErrorHandler } from '../../request-error';
import { isStaleVersion } from './parts';

interface Props<V> {
  title: string;
  okText: string;
  /** shown when the command went through */
  doneText: string;
  /** runs the command; returning false keeps the dialog open (e.g. a reply was refused) */
  submit(values: V, form: FormInstance<V>): Promise<boolean | void>;
  /** after the dialog closed; `changed` when the command went through */
  onClose(changed: boolean): void;
  onStale(): void;
  initialValues?: Partial<V>;
  testId: string;
  danger?: boolean;
  children: ReactNode;
}

/**
 * One ticket command in a dialog: the form, a busy OK button, the server's message on failure,
 * and a stale version (409) closes the dialog and tells the page to offer a reload.
 */
export function CommandModal<V extends object>({
  title,
  okText,
  doneText,
  submit,
  onClose,
  onStale,
  initialValues,
  testId,
  danger,
  children,
}: Props<V>) {
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const [form] = Form.useForm<V>();
  const [open, setOpen] = useState(true);
  const [saving, setSaving] = useState(false);
  const changed = useRef(false);

  async function finish(values: V) {
    setSaving(true);
    try {
      if ((await submit(values, form)) === false) return;
      changed.current = true;
      void message.success(doneText);
      setOpen(false);
    } catch (error) {
      if (isStaleVersion(error)) {
        onStale();
        setOpen(false);
      } else {
        handleError(error);
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <FormModal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, 'data-testid': `${testId}-ok` }}
      confirmLoading={saving}
      form={form}
      onClose={() => setOpen(false)}
      afterClose={() => onClose(changed.current)}
      width={560}
    >
      <Form<V>
        form={form}
        layout="vertical"
        onFinish={finish}
        initialValues={initialValues}
        autoComplete="off"
        data-testid={testId}
      >
        {children}
      </Form>
    </FormModal>
  );
}
