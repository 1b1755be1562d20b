import { Modal, type FormInstance, type ModalProps } from 'antd';
import { useT } from '../i18n';

type Props = Omit<ModalProps, 'onOk' | 'onCancel' | 'cancelText'> & {
  form: FormInstance;
  onClose(): void;
};

/**
 * A dialog around one form: OK submits the form, a click beside it does not close it (no typing
 * lost), and its fields start afresh each time it opens.
 */
export function FormModal({ form, onClose, ...props }: Props) {
  const t = useT();
  return (
    <Modal
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      {...props}
    />
  );
}
