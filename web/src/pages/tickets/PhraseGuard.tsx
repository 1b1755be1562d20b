/**
 * The forbidden-phrase help of the reply box (服务忌语, 客服用语规范): while the agent types, the text
 * is checked (debounced) and the offending phrases are marked inside a preview with their
 * category; the server checks again on send and refuses (block mode) or asks for confirmation
 * (warn mode). The check records nothing; only the send does.
 */
import { Alert, App, Flex, Tag, Typography } from 'antd';
import { Fragment, useCallback, useEffect, useState, type ReactNode } from 'react';
import { isAbortError } from '../../api';
import { useT } from '../../i18n';
import { labelOrKey } from '../../labels';
import { checkPhrases, type PhraseCheck, type PhraseHit } from '../../services/tickets';
import { isForbiddenPhrase } from './parts';

const DEBOUNCE_MS = 400;

const CATEGORY_COLORS: Record<string, string> = {
  addressing: 'magenta',
  questioning: 'volcano',
  shirking: 'gold',
  impatience: 'red',
  other: 'default',
};

/** A check with the exact text it was made for (the hits are offsets into that text). */
export interface CheckedText extends PhraseCheck {
  text: string;
}

/** Checks `text` ~400 ms after the last keystroke; an empty or disabled box has no findings. */
export function usePhraseCheck(text: string, enabled: boolean): CheckedText | null {
  const [result, setResult] = useState<CheckedText | null>(null);
  useEffect(() => {
    if (!enabled || text.trim() === '') {
      setResult(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      checkPhrases(text, controller.signal)
        .then((check) => {
          if (!controller.signal.aborted) setResult({ ...check, text });
        })
        .catch((error: unknown) => {
          // The live check is help, not a gate: the server checks again on send.
          if (!isAbortError(error)) console.warn('phrase check failed', error);
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, enabled]);
  return result;
}

/** Checks `text` at once (after the server refused it), for the same highlighting. */
export async function checkNow(text: string): Promise<CheckedText> {
  return { ...(await checkPhrases(text)), text };
}

function categoryLabel(t: ReturnType<typeof useT>, category: string): string {
  return labelOrKey(t, `reference.forbidden.category.${category}`, category);
}

/** The text with every hit in a <mark>; overlapping hits are marked once. */
export function HighlightedText({ text, hits }: { text: string; hits: readonly PhraseHit[] }) {
  const t = useT();
  const parts: ReactNode[] = [];
  let at = 0;
  for (const hit of [...hits].sort((a, b) => a.start - b.start)) {
    if (hit.start < at) continue;
    if (hit.start > at) parts.push(text.slice(at, hit.start));
    parts.push(
      <mark
        key={`${hit.start}-${hit.end}`}
        data-testid="phrase-hit"
        data-category={hit.category}
        title={categoryLabel(t, hit.category)}
        style={{ background: '#ffccc7', color: '#a8071a', padding: '0 2px', borderRadius: 2 }}
      >
        {text.slice(hit.start, hit.end)}
      </mark>,
    );
    at = hit.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return (
    <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="phrase-preview">
      {parts.map((p, i) => (
        <Fragment key={i}>{p}</Fragment>
      ))}
    </div>
  );
}

/**
 * What the check found: the phrases with their category and the text with the phrases marked.
 * `refused` is set after the server refused a send; otherwise these are the live findings.
 * `action`: what the agent may do about a refusal (ask a supervisor to release it).
 */
export function PhraseFindings({ check, refused, action }: { check: CheckedText | null; refused: boolean; action?: ReactNode }) {
  const t = useT();
  if (!check || check.hits.length === 0) return null;
  const phrases = new Map<string, PhraseHit>();
  for (const hit of check.hits) phrases.set(check.text.slice(hit.start, hit.end), hit);
  const title = refused
    ? check.mode === 'block'
      ? t('tickets.guard.refused')
      : t('tickets.guard.refusedWarn')
    : check.mode === 'block'
      ? t('tickets.guard.liveBlock')
      : t('tickets.guard.liveWarn');
  return (
    <Alert
      type={refused || check.mode === 'block' ? 'error' : 'warning'}
      showIcon
      data-testid={refused ? 'phrase-refused' : 'phrase-findings'}
      title={title}
      description={
        <Flex vertical gap={8}>
          <Flex gap={6} wrap align="center">
            {[...phrases.entries()].map(([shown, hit]) => (
              <Tag key={shown} color={CATEGORY_COLORS[hit.category] ?? 'default'} style={{ marginInlineEnd: 0 }}>
                “{shown}” · {categoryLabel(t, hit.category)}
              </Tag>
            ))}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tickets.guard.previewHint')}
          </Typography.Text>
          <div style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px' }}>
            <HighlightedText text={check.text} hits={check.hits} />
          </div>
          {action}
        </Flex>
      }
    />
  );
}

/**
 * Sends a guarded text. When the server refuses it for forbidden phrases (422), the same text is
 * checked again for the marks and handed to `onRefused`; in warn mode the agent is asked whether
 * to send anyway (acknowledgeWarnings). True when it went out. Other errors are thrown.
 */
export function useGuardedSend() {
  const { modal } = App.useApp();
  const t = useT();
  return useCallback(
    async (text: string, send: (acknowledgeWarnings: boolean) => Promise<unknown>, onRefused: (check: CheckedText) => void) => {
      try {
        await send(false);
        return true;
      } catch (error) {
        if (!isForbiddenPhrase(error) || !text) throw error;
      }
      const check = await checkNow(text);
      onRefused(check);
      if (check.mode !== 'warn') return false;
      const confirmed = await modal.confirm({
        title: t('tickets.guard.confirmTitle'),
        width: 560,
        content: (
          <Flex vertical gap={8}>
            <Typography.Text>{t('tickets.guard.confirmText')}</Typography.Text>
            <HighlightedText text={check.text} hits={check.hits} />
          </Flex>
        ),
        okText: t('tickets.guard.sendAnyway'),
        okButtonProps: { danger: true },
        cancelText: t('tickets.guard.edit'),
      });
      if (!confirmed) return false;
      await send(true);
      return true;
    },
    [modal, t],
  );
}
