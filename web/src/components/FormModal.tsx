import { Modal, type FormInstance, type ModalProps } from 'antd';
import { useRef, useState } from 'react';
import { useT } from '../i18n';
import { useRequestErrorHandler } from '../request-error';

type Props = Omit<ModalProps, 'onOk' | 'onCancel' | 'cancelText'> & {
  form: FormInstance;
  onClose(): void;
};

/**
 * A dialog around one form: OK submits the form, a click beside it does not close it, Esc closes
 * it only while nothing has been typed (no typing lost: once a field has been changed only Cancel
 * and × close it), and its fields start afresh each time it opens.
 */
export function FormModal({ form, onClose, ...props }: Props) {
  const t = useT();
  return (
    <Modal
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={(event) => {
        // Esc arrives as a keydown; Cancel and × are clicks and always close.
        if (event.type === 'keydown' && form.isFieldsTouched()) return;
        onClose();
      }}
      mask={{ closable: false }}
      destroyOnHidden
      {...props}
    />
  );
}

/**
 * A FormModal that saves once and closes: the OK button is busy while the request runs, a failure
 * shows the server's message and keeps the dialog open, and once it has closed `onClosed` hears
 * whether anything was saved. Spread `modalProps` on the FormModal; call `save` from the form's onFinish.
 */
export function useSaveDialog(onClosed: (saved: boolean) => void) {
  const handleError = useRequestErrorHandler();
  const [open, setOpen] = useState(true);
  const [saving, setSaving] = useState(false);
  const saved = useRef(false);

  async function save(request: () => Promise<unknown>): Promise<void> {
    setSaving(true);
    try {
      await request();
      saved.current = true;
      setOpen(false);
    } catch (error) {
      handleError(error);
    } finally {
      setSaving(false);
    }
  }

  return {
    save,
    modalProps: { open, confirmLoading: saving, onClose: () => setOpen(false), afterClose: () => onClosed(saved.current) },
  };
}
