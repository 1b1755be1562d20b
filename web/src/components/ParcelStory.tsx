/**
 * One story per parcel (docs/architecture.md): the server decides where a parcel stands
 * (src/domain/tracking/story.ts) and sends its code, words and times; the public tracking page and
 * the staff shipment page show them the same way. Never a past 预计送达: a delivered parcel shows
 * when it was signed for, a late one since when it is late.
 */
import { Alert, Tag, Typography } from 'antd';
import { formatDateTime } from '../format';
import type { Translate } from '../i18n';
import type { PublicTrackResult } from '../services/types';

export type ParcelStoryView = NonNullable<PublicTrackResult['story']>;

const SEVERE = new Set(['lost', 'damaged', 'refused', 'undeliverable']);
const WARNING = new Set(['late', 'stalled', 'failed_attempt', 'not_collected', 'returning']);

function tone(code: string): 'error' | 'warning' | 'success' | 'info' {
  if (SEVERE.has(code)) return 'error';
  if (WARNING.has(code)) return 'warning';
  return code === 'delivered' ? 'success' : 'info';
}

const TAG_COLORS = { error: 'red', warning: 'orange', success: 'green', info: 'blue' } as const;

/** The story in a few words, coloured by how serious it is. */
export function StoryTag({ story }: { story: ParcelStoryView }) {
  return (
    <Tag color={TAG_COLORS[tone(story.code)]} style={{ marginInlineEnd: 0 }} data-testid="story-tag" data-code={story.code}>
      {story.title}
    </Tag>
  );
}

/** What happened and what happens next: an alert when something went wrong, a line otherwise. */
export function StoryNotice({ story, testId, withTitle = false }: { story: ParcelStoryView; testId: string; withTitle?: boolean }) {
  if (!story.text) return null;
  const kind = tone(story.code);
  if (kind === 'error' || kind === 'warning') {
    return (
      <Alert
        type={kind}
        showIcon
        title={withTitle ? story.title : story.text}
        description={withTitle ? story.text : undefined}
        style={{ marginBottom: 16 }}
        data-testid={testId}
        data-code={story.code}
      />
    );
  }
  return (
    <Typography.Paragraph style={{ marginBottom: 12 }} data-testid={testId} data-code={story.code}>
      {withTitle ? <Typography.Text strong>{`${story.title} · `}</Typography.Text> : null}
      {story.text}
    </Typography.Paragraph>
  );
}

/**
 * The one time that matters, as a description item: when it was signed for, when it is expected
 * (only a future promise), or the promise it missed, marked late. Null when there is none.
 */
export function storyTimeItem(t: Translate, story: ParcelStoryView, timeZone?: string) {
  const time = (iso: string) => formatDateTime(iso, timeZone).slice(0, 16);
  if (story.signedAt) {
    return { key: 'signedAt', label: t('track.signedAt'), children: <span data-testid="story-signed-at">{time(story.signedAt)}</span> };
  }
  if (story.expectedBy) {
    return { key: 'expectedBy', label: t('track.expectedBy'), children: <span data-testid="story-expected-by">{time(story.expectedBy)}</span> };
  }
  if (story.lateSince) {
    return {
      key: 'lateSince',
      label: t('track.promisedLate'),
      children: (
        <Typography.Text type="danger" data-testid="story-late-since">
          {t('track.lateSinceValue', { time: time(story.lateSince) })}
        </Typography.Text>
      ),
    };
  }
  return null;
}
