/**
 * Dates as clerks write them: `2026年11月29日` and `2026-11-29 14:05` in Chinese, and an
 * unambiguous day-month-year in English. Stored instants are UTC; they are shown in local time.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/i18n';
import { currentLanguage } from './i18n';

const FORMATS: Record<Language, { date: string; dateTime: string }> = {
  'zh-CN': { date: 'YYYY年M月D日', dateTime: 'YYYY-MM-DD HH:mm' },
  en: { date: 'D MMM YYYY', dateTime: 'D MMM YYYY HH:mm' },
};

const DAYJS_LOCALE: Record<Language, string> = { 'zh-CN': 'zh-cn', en: 'en' };

function parse(value: string | Date, language: Language) {
  const parsed = dayjs(value).locale(DAYJS_LOCALE[language]);
  return parsed.isValid() ? parsed : null;
}

export function formatDate(value: string | Date, language: Language): string {
  return parse(value, language)?.format(FORMATS[language].date) ?? '';
}

export function formatDateTime(value: string | Date, language: Language): string {
  return parse(value, language)?.format(FORMATS[language].dateTime) ?? '';
}

/** The two formatters bound to the language on screen. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return {
    formatDate: (value: string | Date) => formatDate(value, language),
    formatDateTime: (value: string | Date) => formatDateTime(value, language),
  };
}
