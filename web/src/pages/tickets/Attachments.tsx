/**
 * A ticket's attachments (附件): damage photos and signed delivery slips, with thumbnails for
 * images, links that open or download them (the server decides how: src/domain/attachments/
 * download.ts) and, for those who may attach, an upload that goes through the one API wrapper
 * (session cookie, CSRF header, language). The server reads the type from the content; the checks
 * here only spare the user a useless wait.
 */
import { FileImageOutlined, FilePdfOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Image, Tag, Typography, Upload, type UploadProps } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import type { Attachment } from '../../services/tickets';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES } from '../../shared';

export interface TicketAttachmentsProps {
  ticketId: string;
  attachments: readonly Attachment[];
  /** the ticket's `can` includes 'attach' */
  canAttach: boolean;
  /** called after an upload: read the ticket again */
  onChanged: () => void;
}

/** Images the browser shows itself (the server serves these inline); HEIC is not one. */
const INLINE_IMAGES = new Set(['image/jpeg', 'image/png', 'image/webp']);

const MIB = 1024 * 1024;
const MAX_SIZE_TEXT = `${ATTACHMENT_MAX_BYTES / MIB} MB`;

function attachmentUrl(id: string): string {
  return `/api/attachments/${encodeURIComponent(id)}`;
}

function uploadAttachment(ticketId: string, file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.post<Attachment>(`/api/tickets/${encodeURIComponent(ticketId)}/attachments`, form);
}

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MIB) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / MIB).toFixed(1)} MB`;
}

function FileIcon({ mediaType }: { mediaType: string }) {
  const style = { fontSize: 28, color: 'var(--ant-color-text-tertiary)' };
  if (mediaType === 'application/pdf') return <FilePdfOutlined style={style} />;
  if (mediaType.startsWith('image/')) return <FileImageOutlined style={style} />;
  return <PaperClipOutlined style={style} />;
}

function AttachmentRow({ attachment }: { attachment: Attachment }) {
  const t = useT();
  const url = attachmentUrl(attachment.id);
  const inline = INLINE_IMAGES.has(attachment.mediaType);
  return (
    <Flex gap={12} align="center" data-testid="attachment">
      <div style={{ width: 56, height: 56, flex: 'none', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        {inline ? (
          <Image
            src={url}
            width={56}
            height={56}
            style={{ objectFit: 'cover', borderRadius: 4 }}
            alt={t('attachments.thumbnailAlt', { name: attachment.fileName })}
          />
        ) : (
          <FileIcon mediaType={attachment.mediaType} />
        )}
      </div>
      <Flex vertical style={{ minWidth: 0 }}>
        {inline ? (
          <Typography.Link href={url} target="_blank" rel="noopener noreferrer" ellipsis title={t('attachments.open')}>
            {attachment.fileName}
          </Typography.Link>
        ) : (
          <Typography.Link href={url} download={attachment.fileName} ellipsis title={t('attachments.download')}>
            {attachment.fileName}
          </Typography.Link>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {attachment.byCustomer && <Tag color="blue">{t('attachments.byCustomer')}</Tag>}
          {fileSize(attachment.sizeBytes)} · {formatDateTime(attachment.createdAt)}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}

export function TicketAttachments({ ticketId, attachments, canAttach, onChanged }: TicketAttachmentsProps) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useRequestErrorHandler();
  const [uploading, setUploading] = useState(false);

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    if (file.size > ATTACHMENT_MAX_BYTES) {
      void message.error(t('attachments.tooLarge', { name: file.name, max: MAX_SIZE_TEXT }));
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError: onUploadError }) => {
    const picked = file as File;
    setUploading(true);
    uploadAttachment(ticketId, picked)
      .then((attachment) => {
        onSuccess?.(attachment);
        void message.success(t('attachments.uploaded', { name: attachment.fileName }));
        onChanged();
      })
      .catch((error: unknown) => {
        onUploadError?.(error instanceof Error ? error : new Error(String(error)));
        onError(error);
      })
      .finally(() => setUploading(false));
  };

  const upload = canAttach ? (
    <Upload accept={ATTACHMENT_ACCEPT} multiple={false} showUploadList={false} beforeUpload={beforeUpload} customRequest={customRequest}>
      <Button size="small" icon={<UploadOutlined />} loading={uploading} data-testid="attachment-upload">
        {t('attachments.upload')}
      </Button>
    </Upload>
  ) : null;

  return (
    <Card
      size="small"
      title={attachments.length ? t('attachments.titleCount', { count: attachments.length }) : t('attachments.title')}
      extra={upload}
      data-testid="ticket-attachments"
    >
      <Flex vertical gap={12}>
        {attachments.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachments.empty')} style={{ margin: 0 }} />
        ) : (
          <Image.PreviewGroup>
            {attachments.map((a) => (
              <AttachmentRow key={a.id} attachment={a} />
            ))}
          </Image.PreviewGroup>
        )}
        {canAttach && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('attachments.hint', { max: MAX_SIZE_TEXT })}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
