/**
 * Console languages: zh-CN (default) and en-US. The choice lives in localStorage (`pd.locale`);
 * the API wrapper reads it through `getLocale()` so the server answers in the same language.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import enUS from './en-US';
import zhCN, { type MessageKey, type Messages } from './zh-CN';

export type { MessageKey } from './zh-CN';

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export type TranslateParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: TranslateParams) => string;

const STORAGE_KEY = 'pd.locale';
const DICTIONARIES: Record<Locale, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };
const DAYJS_LOCALES: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : 'zh-CN';
  } catch {
    // Storage can be blocked (privacy mode); the default language still works.
    return 'zh-CN';
  }
}

let currentLocale: Locale = storedLocale();
applyLocaleToDocument(currentLocale);

function applyLocaleToDocument(locale: Locale): void {
  // Outside a browser (the console's unit tests) there is no document to mark.
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  dayjs.locale(DAYJS_LOCALES[locale]);
}

/** The language of the console right now, for code outside React (the API wrapper). */
export function getLocale(): Locale {
  return currentLocale;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
}

export function translate(key: MessageKey, params?: TranslateParams, locale: Locale = currentLocale): string {
  const text = DICTIONARIES[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

interface LocaleContextValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(currentLocale);

  const setLocale = useCallback((next: Locale) => {
    currentLocale = next;
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered across visits, but still switched for this one.
    }
    applyLocaleToDocument(next);
    setLocaleState(next);
  }, []);

  const t = useCallback<Translate>((key, params) => translate(key, params, locale), [locale]);
  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

function useLocaleContext(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('LocaleProvider is missing');
  return value;
}

export function useT(): Translate {
  return useLocaleContext().t;
}

export function useLocale(): { locale: Locale; setLocale: (locale: Locale) => void } {
  const { locale, setLocale } = useLocaleContext();
  return { locale, setLocale };
}

/** Sets the browser tab title to "<page> · <product>" in the current language. */
export function useDocumentTitle(pageTitle: string | null): void {
  const t = useT();
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} · ${t('app.name')}` : t('app.name');
  }, [pageTitle, t]);
}
