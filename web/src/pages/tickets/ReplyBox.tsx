/**
 * The reply box of a ticket: a standard phrase (规范用语) to start from, filled with the ticket's
 * facts; public reply or internal note; the live forbidden-phrase check; and the send, which the
 * server may refuse (422) or find stale (409).
 */
import { SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Flex, Input, Radio, Select, Tag, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMe } from '../../auth';
import { useT, type Translate } from '../../i18n';
import { labelOrKey } from '../../labels';
import { useRequestErrorHandler } from '../../request-error';
import { standardPhrases, ticketCommands, type StandardPhrase, type TicketDetail, type Visibility } from '../../services/tickets';
import { nameShowsInFull, PHRASE_SITUATIONS, PLACEHOLDERS, placeholdersIn, promiseDate, renderTemplate, type Placeholder } from '../../shared';
import { displayTimeZone } from '../../time-zone';
import { useRemote } from '../../useRemote';
import type { TicketContext } from './context';
import { PhraseFindings, usePhraseCheck, useGuardedSend, type CheckedText } from './PhraseGuard';
import { isStaleVersion } from './parts';
import { ReleaseRequestButton, ReleaseStatus } from './PhraseRelease';

const REPLY_MAX = 10_000;

function readDraft(key: string): string {
  try {
    return sessionStorage.getItem(key) ?? '';
  } catch {
    return ''; // storage blocked: no draft, the box still works
  }
}

function writeDraft(key: string, text: string): void {
  try {
    if (text) sessionStorage.setItem(key, text);
    else sessionStorage.removeItem(key);
  } catch {
    /* storage full or blocked: the draft is only kept in the page */
  }
}

/**
 * `{date}` is a promise ("并在{date}前给您答复"), never today's date, which reads as a deadline
 * already gone: the ticket's resolution deadline while its clock runs (今天17:30, 明天10:00,
 * 11月29日15:00 — promiseDate in src/domain/phrases/template.ts), the company's own commitment to
 * the customer. Without one (no resolution clock, paused while we wait for the customer, overdue)
 * `{date}` stays in the text for the agent to write what they can keep, and the box says so below
 * the text until it is filled.
 */
function promisedDate(ticket: TicketDetail): string | undefined {
  const clock = ticket.clocks.find((c) => c.kind === 'resolution' && (c.status === 'running' || c.status === 'warning'));
  return promiseDate(clock?.dueAt ? new Date(clock.dueAt) : null, new Date(), displayTimeZone());
}

const KNOWN_PLACEHOLDERS: ReadonlySet<string> = new Set(PLACEHOLDERS);

/** `{date} 日期`: a placeholder as the agent reads it. */
const placeholderWords = (t: Translate, name: Placeholder) => `{${name}} ${labelOrKey(t, `reference.placeholder.${name}`, name)}`;

export function ReplyBox({ ctx }: { ctx: TicketContext }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const handleError = useRequestErrorHandler();
  const guardedSend = useGuardedSend();
  const { ticket } = ctx;
  const mayReply = ticket.can.includes('reply');
  const mayNote = ticket.can.includes('note');
  const [visibility, setVisibility] = useState<Visibility>(mayReply ? 'public' : 'internal');
  // The half-written reply outlives a reload or a new sign-in in this tab (never another user's):
  // session storage, so it is gone when the tab closes on a shared desk.
  const draftKey = `pd.replyDraft.${me.id}.${ticket.id}`;
  const [text, setText] = useState(() => readDraft(draftKey));
  useEffect(() => writeDraft(draftKey, text), [draftKey, text]);
  const [template, setTemplate] = useState<StandardPhrase>();
  const templateKey = template?.key;
  const [waitForCustomer, setWaitForCustomer] = useState(false);
  const [sending, setSending] = useState(false);
  const [refused, setRefused] = useState<CheckedText | null>(null);
  const area = useRef<TextAreaRef>(null);
  const phrases = useRemote((signal) => standardPhrases(signal), []);

  const isPublic = visibility === 'public';
  const unfilled = placeholdersIn(text).filter((name): name is Placeholder => KNOWN_PLACEHOLDERS.has(name));
  const live = usePhraseCheck(text, isPublic);
  // A refusal is about the text that was sent; once the agent edits it, the live check takes over.
  const shownRefused = refused && refused.text === text && isPublic ? refused : null;

  useEffect(() => {
    if (!mayReply && visibility === 'public') setVisibility('internal');
  }, [mayReply, visibility]);

  const options = useMemo(() => {
    const items = phrases.data?.items ?? [];
    return PHRASE_SITUATIONS.map((situation) => ({
      label: labelOrKey(t, `reference.situation.${situation}`, situation),
      title: situation,
      options: items
        .filter((p) => p.situation === situation)
        .map((p) => ({ value: p.key, label: p.title, phrase: p })),
    })).filter((group) => group.options.length > 0);
  }, [phrases.data, t]);

  function insert(phrase: StandardPhrase) {
    const { text: rendered, missing } = renderTemplate(phrase.text, {
      // The name revealed on this page, or one that shows in full masked (李女士); a masked one (张*)
      // is left for the agent to fill in.
      customerName: ctx.reveal.revealed?.customerName ?? (nameShowsInFull(ticket.customerName) ? ticket.customerName! : undefined),
      waybillNo: ticket.waybillNos[0],
      date: promisedDate(ticket),
      agentName: me.displayName,
    });
    const el = area.current?.resizableTextArea?.textArea;
    const at = el && document.activeElement === el ? el.selectionStart : text.length;
    const next = text.slice(0, at) + rendered + text.slice(at);
    setText(next);
    setTemplate(phrase);
    if (missing.length) {
      void message.warning(
        t('tickets.reply.fillIn', {
          names: missing.map((m: Placeholder) => placeholderWords(t, m)).join('、'),
        }),
      );
    }
    setTimeout(() => area.current?.focus({ cursor: 'end' }), 0);
  }

  async function send() {
    const seenEventId = ticket.timeline.at(-1)?.id;
    const body = text.trim();
    if (!body) return;
    setSending(true);
    try {
      const sent = await guardedSend(
        isPublic ? body : '',
        (acknowledgeWarnings) =>
          ticketCommands.reply(ticket.id, {
            body,
            visibility,
            version: ticket.version,
            // A priority raised or a label changed meanwhile does not send the reply back.
            ...(seenEventId ? { seenEventId } : {}),
            ...(templateKey ? { templateKey } : {}),
            ...(isPublic && waitForCustomer ? { waitForCustomer: true } : {}),
            ...(acknowledgeWarnings ? { acknowledgeWarnings: true } : {}),
          }),
        (check) => {
          // The marks are offsets into the text sent, which is the trimmed text.
          setText(check.text);
          setRefused(check);
        },
      );
      if (!sent) return;
      setText('');
      setTemplate(undefined);
      setWaitForCustomer(false);
      setRefused(null);
      void message.success(t(isPublic ? 'tickets.reply.sent' : 'tickets.reply.noted'));
      ctx.reload();
    } catch (error) {
      if (isStaleVersion(error)) ctx.onStale();
      else handleError(error);
    } finally {
      setSending(false);
    }
  }

  if (!mayReply && !mayNote) return null;

  return (
    <Card
      size="small"
      title={t('tickets.reply.title')}
      data-testid="reply-box"
      extra={
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          size="small"
          value={visibility}
          onChange={(e) => setVisibility(e.target.value as Visibility)}
          options={[
            { value: 'public', label: t('tickets.reply.public'), disabled: !mayReply },
            { value: 'internal', label: t('tickets.reply.internal') },
          ]}
          data-testid="reply-visibility"
        />
      }
      styles={{ body: { background: isPublic ? undefined : '#fffbe6' } }}
    >
      <Flex vertical gap={12}>
        <ReleaseStatus ctx={ctx} />
        {isPublic && (
          <Select
            showSearch={{
              filterOption: (input, option) => {
                const phrase = (option as { phrase?: StandardPhrase } | undefined)?.phrase;
                return phrase ? `${phrase.title}${phrase.text}`.includes(input.trim()) : false;
              },
            }}
            value={null}
            placeholder={t('tickets.reply.templatePlaceholder')}
            loading={phrases.loading}
            options={options}
            onChange={(_key, option) => {
              const phrase = (option as { phrase?: StandardPhrase } | undefined)?.phrase;
              if (phrase) insert(phrase);
            }}
            optionRender={(option) => {
              const phrase = (option.data as { phrase?: StandardPhrase }).phrase;
              return (
                <div style={{ whiteSpace: 'normal' }} data-testid="template-option" data-key={phrase?.key}>
                  <div>{option.label}</div>
                  {phrase && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {phrase.text}
                    </Typography.Text>
                  )}
                </div>
              );
            }}
            popupMatchSelectWidth={false}
            styles={{ popup: { root: { maxWidth: 560 } } }}
            style={{ width: '100%' }}
            data-testid="template-picker"
            aria-label={t('tickets.reply.templatePlaceholder')}
          />
        )}
        <Input.TextArea
          ref={area}
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoSize={{ minRows: 4, maxRows: 12 }}
          maxLength={REPLY_MAX}
          showCount
          style={{ marginBottom: 8 }}
          placeholder={t(isPublic ? 'tickets.reply.placeholderPublic' : 'tickets.reply.placeholderInternal')}
          data-testid="reply-text"
        />
        {unfilled.length > 0 && (
          // Highlighted until the agent has replaced them: a reply must not reach the customer with `{date}` in it.
          <Alert
            type="warning"
            showIcon
            title={t('tickets.reply.unfilled', { names: unfilled.map((m) => placeholderWords(t, m)).join('、') })}
            data-testid="reply-unfilled"
          />
        )}
        {isPublic && (
          <PhraseFindings
            check={shownRefused ?? live}
            refused={shownRefused !== null}
            action={
              // Block mode: a false block can be held for a supervisor's release (one waits at a time).
              shownRefused && shownRefused.mode === 'block' && ticket.phraseReleases[0]?.status !== 'pending' ? (
                <div>
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                    {t('tickets.release.offer')}
                  </Typography.Paragraph>
                  <ReleaseRequestButton
                    ctx={ctx}
                    text={shownRefused.text}
                    onRequested={() => {
                      setText('');
                      setRefused(null);
                    }}
                  />
                </div>
              ) : undefined
            }
          />
        )}
        <Flex justify="space-between" align="center" gap={12} wrap>
          <Flex gap={12} align="center" wrap>
            {isPublic ? (
              <Checkbox
                checked={waitForCustomer}
                onChange={(e) => setWaitForCustomer(e.target.checked)}
                data-testid="reply-wait"
              >
                {t('tickets.reply.waitForCustomer')}
              </Checkbox>
            ) : (
              <Tag color="gold">{t('tickets.reply.internalHint')}</Tag>
            )}
            {template && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('tickets.reply.fromTemplate', { title: template.title })}
              </Typography.Text>
            )}
          </Flex>
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={sending}
            disabled={!text.trim()}
            onClick={send}
            data-testid="reply-send"
          >
            {t(isPublic ? 'tickets.reply.send' : 'tickets.reply.addNote')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
