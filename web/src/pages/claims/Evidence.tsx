/**
 * The evidence checklist of a claim (理赔材料): each item its type asks for, required or optional
 * with its source, what was uploaded for it — image attachments as thumbnails that open a preview —
 * and each upload's review. Who may work the claim uploads a file (it becomes an attachment of the
 * claim's ticket, then evidence for the item) or picks one already on the ticket, and accepts an
 * upload or rejects it with a reason. The server checks the file's type against the item.
 */
import { CheckOutlined, CloseOutlined, FileImageOutlined, FilePdfOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Image, Select, Space, Tag, Tooltip, Typography, Upload, type UploadProps } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { formatDateTime } from '../../format';
import { useLocale, useT } from '../../i18n';
import { useRequestErrorHandler } from '../../request-error';
import { attachEvidence, reviewEvidence, type ClaimDetail } from '../../services/claims';
import type { Attachment } from '../../services/tickets';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES } from '../../shared';
import { readableSource } from '../policies/parts';
import { StepDialog } from './dialogs';
import { evidenceItemLabel, evidenceReviewLabel } from './labels';

/** Images the browser shows itself (the server serves these inline); HEIC is not one. */
const INLINE_IMAGES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const attachmentUrl = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;
const REVIEW_COLORS: Record<string, string> = { pending: 'gold', accepted: 'green', rejected: 'red' };

type Evidence = ClaimDetail['evidence'][number];

function Thumb({ file, size = 72 }: { file: Attachment | undefined; size?: number }) {
  const t = useT();
  if (file && INLINE_IMAGES.has(file.mediaType)) {
    return (
      <Image
        src={attachmentUrl(file.id)}
        width={size}
        height={size}
        style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid var(--ant-color-border-secondary)' }}
        alt={t('attachments.thumbnailAlt', { name: file.fileName })}
        data-testid="evidence-thumb"
      />
    );
  }
  const style = { fontSize: 32, color: 'var(--ant-color-text-tertiary)' };
  return (
    <div style={{ width: size, height: size, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      {file?.mediaType === 'application/pdf' ? <FilePdfOutlined style={style} /> : file ? <FileImageOutlined style={style} /> : <PaperClipOutlined style={style} />}
    </div>
  );
}

export interface EvidenceCardProps {
  claim: ClaimDetail;
  attachments: readonly Attachment[];
  /** who reviewed an upload, by evidence id (from the ticket's timeline) */
  reviewers: ReadonlyMap<string, string>;
  onChanged: () => void;
}

export function EvidenceCard({ claim, attachments, reviewers, onChanged }: EvidenceCardProps) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const onError = useRequestErrorHandler();
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<Evidence | null>(null);
  const mayAttach = claim.can.includes('attach_evidence');
  const mayReview = claim.can.includes('review_evidence');
  const files = new Map(attachments.map((a) => [a.id, a]));
  const missing = new Map(claim.evidenceMissing.map((m) => [m.item, m.why]));

  async function run(key: string, step: () => Promise<unknown>, done?: string) {
    setBusy(key);
    try {
      await step();
      if (done) void message.success(done);
      onChanged();
    } catch (error) {
      onError(error);
    } finally {
      setBusy(null);
    }
  }

  const upload = (item: string): UploadProps['customRequest'] => ({ file, onSuccess, onError: failed }) => {
    const picked = file as File;
    const form = new FormData();
    form.append('file', picked, picked.name);
    void run(`upload-${item}`, async () => {
      try {
        const attachment = await api.post<Attachment>(`/api/tickets/${encodeURIComponent(claim.ticketId)}/attachments`, form);
        await attachEvidence(claim.id, item, attachment.id);
        onSuccess?.(attachment);
      } catch (error) {
        failed?.(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
    }, t('claims.evidence.uploaded', { name: picked.name, item: evidenceItemLabel(item, locale) }));
  };
  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    if (file.size > ATTACHMENT_MAX_BYTES) {
      void message.error(t('attachments.tooLarge', { name: file.name, max: `${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB` }));
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  return (
    <Card
      size="small"
      title={t('claims.evidence.title')}
      extra={
        claim.evidenceMissing.length === 0 ? (
          <Tag color="green" data-testid="evidence-complete">{t('claims.evidence.complete')}</Tag>
        ) : (
          <Tag color="orange" data-testid="evidence-missing">{t('claims.evidence.missingCount', { count: claim.evidenceMissing.length })}</Tag>
        )
      }
      data-testid="claim-evidence"
    >
      {claim.checklist.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('claims.evidence.none')} />
      ) : (
        <Image.PreviewGroup>
          <Flex vertical gap={16}>
            {claim.checklist.map((entry) => {
              const uploads = claim.evidence.filter((e) => e.item === entry.item);
              const why = missing.get(entry.item as never);
              const onItem = new Set(uploads.map((u) => u.attachmentId));
              const choices = attachments.filter((a) => !onItem.has(a.id));
              return (
                <div key={entry.item} data-testid="evidence-item" data-item={entry.item} style={{ borderBottom: '1px solid var(--ant-color-border-secondary)', paddingBottom: 12 }}>
                  <Flex justify="space-between" align="start" gap={12} wrap>
                    <Space direction="vertical" size={2} style={{ minWidth: 0, flex: 1 }}>
                      <Space size={6} wrap>
                        <Typography.Text strong>{evidenceItemLabel(entry.item, locale)}</Typography.Text>
                        {entry.required ? <Tag color="red">{t('claims.evidence.required')}</Tag> : <Tag>{t('claims.evidence.optional')}</Tag>}
                        {why && <Tag color="orange" data-testid="evidence-why">{t(`claims.evidence.why.${why as 'rejected'}`)}</Tag>}
                      </Space>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('claims.evidence.source', { source: readableSource(entry.source) })}
                      </Typography.Text>
                    </Space>
                    {mayAttach && (
                      <Space size={8} wrap>
                        {choices.length > 0 && (
                          <Select
                            size="small"
                            style={{ width: 200 }}
                            placeholder={t('claims.evidence.pick')}
                            value={null}
                            options={choices.map((a) => ({ value: a.id, label: a.fileName }))}
                            onChange={(attachmentId: string) => void run(`pick-${entry.item}`, () => attachEvidence(claim.id, entry.item, attachmentId), t('claims.evidence.attached'))}
                            data-testid="evidence-pick"
                          />
                        )}
                        <Upload accept={ATTACHMENT_ACCEPT} multiple={false} showUploadList={false} beforeUpload={beforeUpload} customRequest={upload(entry.item)}>
                          <Button size="small" icon={<UploadOutlined />} loading={busy === `upload-${entry.item}`} data-testid="evidence-upload">
                            {t('claims.evidence.upload')}
                          </Button>
                        </Upload>
                      </Space>
                    )}
                  </Flex>
                  {uploads.length > 0 && (
                    <Flex gap={16} wrap style={{ marginTop: 8 }}>
                      {uploads.map((u) => {
                        const file = files.get(u.attachmentId);
                        return (
                          <Flex key={u.id} gap={8} align="start" data-testid="evidence-upload-row" data-review={u.review}>
                            <Thumb file={file} />
                            <Space direction="vertical" size={2} style={{ maxWidth: 260 }}>
                              <Typography.Text ellipsis style={{ maxWidth: 240 }} title={file?.fileName}>
                                {file ? (
                                  <Typography.Link href={attachmentUrl(file.id)} target="_blank" rel="noopener noreferrer">
                                    {file.fileName}
                                  </Typography.Link>
                                ) : (
                                  t('claims.evidence.fileGone')
                                )}
                              </Typography.Text>
                              <Space size={4} wrap>
                                <Tag color={REVIEW_COLORS[u.review]} data-testid="evidence-review">{evidenceReviewLabel(u.review, locale)}</Tag>
                                {file?.byCustomer && <Tag color="blue">{t('attachments.byCustomer')}</Tag>}
                              </Space>
                              {u.reviewReason && <Typography.Text type="danger" style={{ fontSize: 12 }}>{u.reviewReason}</Typography.Text>}
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {u.reviewedAt
                                  ? t('claims.evidence.reviewedBy', { name: reviewers.get(u.id) ?? t('common.none'), at: formatDateTime(u.reviewedAt) })
                                  : t('claims.evidence.addedAt', { at: formatDateTime(u.createdAt) })}
                              </Typography.Text>
                              {mayReview && u.review === 'pending' && (
                                <Space size={6}>
                                  <Tooltip title={t('claims.evidence.acceptHint')}>
                                    <Button
                                      size="small"
                                      type="primary"
                                      ghost
                                      icon={<CheckOutlined />}
                                      loading={busy === `accept-${u.id}`}
                                      onClick={() => void run(`accept-${u.id}`, () => reviewEvidence(claim.id, u.id, 'accepted'), t('claims.evidence.accepted'))}
                                      data-testid="evidence-accept"
                                    >
                                      {t('claims.evidence.accept')}
                                    </Button>
                                  </Tooltip>
                                  <Button size="small" danger icon={<CloseOutlined />} onClick={() => setRejecting(u)} data-testid="evidence-reject">
                                    {t('claims.evidence.reject')}
                                  </Button>
                                </Space>
                              )}
                            </Space>
                          </Flex>
                        );
                      })}
                    </Flex>
                  )}
                </div>
              );
            })}
          </Flex>
        </Image.PreviewGroup>
      )}
      {rejecting && (
        <StepDialog
          title={t('claims.evidence.rejectTitle', { item: evidenceItemLabel(rejecting.item, locale) })}
          okText={t('claims.evidence.reject')}
          danger
          reasonLabel={t('claims.evidence.rejectReason')}
          testId="evidence-reject-dialog"
          onSubmit={(v) => reviewEvidence(claim.id, rejecting.id, 'rejected', v.reason?.trim())}
          onClosed={(saved) => {
            setRejecting(null);
            if (saved) onChanged();
          }}
        />
      )}
    </Card>
  );
}
