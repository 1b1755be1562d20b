/**
 * Placeholders in standard phrases (规范用语, PRODUCT.md §2): `{customerName}` etc. are filled from
 * the ticket when an agent picks a phrase; whatever is unknown stays visible as `{name}` for the
 * agent to fill in by hand.
 */

export const PLACEHOLDERS = ['customerName', 'waybillNo', 'date', 'agentName', 'minutes'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Longest phrase text an admin may save (UTF-16 units, as the console form counts). */
export const PHRASE_TEXT_MAX = 2000;

/** Stable codes returned by validateTemplate; the unknown-placeholder one carries the name. */
export const TEMPLATE_ERRORS = {
  empty: 'TEMPLATE_EMPTY',
  tooLong: 'TEMPLATE_TOO_LONG',
  unbalancedBraces: 'TEMPLATE_UNBALANCED_BRACES',
  unknownPlaceholder: 'TEMPLATE_UNKNOWN_PLACEHOLDER',
} as const;

const TOKEN = /\{([^{}]*)\}/g;
const KNOWN = new Set<string>(PLACEHOLDERS);

function isPlaceholder(name: string): name is Placeholder {
  return KNOWN.has(name);
}

/** Names inside `{…}`, known or not, each once, in order of first appearance. */
export function placeholdersIn(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(TOKEN)) names.add(match[1] ?? '');
  return [...names];
}

/**
 * Fills the known placeholders that have a non-blank value. Missing ones stay as `{name}` and are
 * listed (each once) so the agent sees and fills them; unknown `{…}` are left alone. Values are
 * inserted literally: a value containing `{date}` is not expanded again.
 */
export function renderTemplate(
  text: string,
  values: Partial<Record<Placeholder, string>>,
): { text: string; missing: Placeholder[] } {
  const missing = new Set<Placeholder>();
  const rendered = text.replace(TOKEN, (token, name: string) => {
    if (!isPlaceholder(name)) return token;
    const value = values[name];
    if (value === undefined || value.trim() === '') {
      missing.add(name);
      return token;
    }
    return value;
  });
  return { text: rendered, missing: [...missing] };
}

/**
 * What is wrong with a phrase text an admin wants to save; [] when it is fine. Codes from
 * TEMPLATE_ERRORS; an unknown placeholder is reported as `TEMPLATE_UNKNOWN_PLACEHOLDER:{name}`.
 */
export function validateTemplate(text: string): string[] {
  if (text.trim() === '') return [TEMPLATE_ERRORS.empty];
  const errors: string[] = [];
  if (text.length > PHRASE_TEXT_MAX) errors.push(TEMPLATE_ERRORS.tooLong);

  let open = false;
  let balanced = true;
  for (const ch of text) {
    if (ch === '{') {
      if (open) balanced = false;
      open = true;
    } else if (ch === '}') {
      if (!open) balanced = false;
      open = false;
    }
  }
  if (open || !balanced) errors.push(TEMPLATE_ERRORS.unbalancedBraces);

  for (const name of placeholdersIn(text)) {
    if (!isPlaceholder(name)) errors.push(`${TEMPLATE_ERRORS.unknownPlaceholder}:{${name}}`);
  }
  return errors;
}
