/**
 * Long bodies folded: a 5,000-character reply would otherwise fill the ticket page twice (the
 * conversation and the timeline). The start is cut at a line or at a number of characters,
 * whichever comes first, so a reply of many short lines folds too.
 */

export interface FoldLimits {
  /** characters shown while folded */
  chars: number;
  /** lines shown while folded */
  lines: number;
}

/** In the timeline a body is a reminder of what was said: about three lines. */
export const TIMELINE_FOLD: FoldLimits = { chars: 200, lines: 3 };
/** In the conversation the message is read: folded only when it is really long. */
export const CONVERSATION_FOLD: FoldLimits = { chars: 800, lines: 12 };

/**
 * What to show of `text` while folded, and how many characters are hidden; null when the whole
 * text fits. The cut never splits a surrogate pair (an emoji stays whole).
 */
export function foldText(text: string, { chars, lines }: FoldLimits): { shown: string; hidden: number } | null {
  let end = Math.min(text.length, chars);
  let newlines = 0;
  for (let i = 0; i < end; i++) {
    if (text[i] === '\n' && ++newlines === lines) {
      end = i;
      break;
    }
  }
  const shown = text.slice(0, end).trimEnd();
  // A little slack: folding away a few characters (one more short line) saves nothing and costs a click.
  const rest = text.slice(shown.length);
  if (rest.length <= 20 && rest.split('\n').length <= 2) return null;
  const safe = /[\uD800-\uDBFF]$/.test(shown) ? shown.slice(0, -1) : shown;
  return { shown: safe, hidden: text.length - safe.length };
}
