/**
 * react-i18next over the shared catalogs: zh-CN is the default and the fallback, English is
 * complete. The choice is per computer (localStorage), and `<html lang>` follows it so screen
 * readers and fonts pick the right language.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogs, DEFAULT_LANGUAGE, LANGUAGES, type Catalog, type Language } from '../../../../shared/i18n';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalog };
  }
}

const LANGUAGE_KEY = 'civicdesk.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function storedLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(LANGUAGE_KEY);
    return isLanguage(saved) ? saved : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE; // storage can be unavailable (privacy settings); the default is fine
  }
}

export function currentLanguage(i18n: I18n): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/** A fresh instance per app (tests render several apps); resources are inline, so init is synchronous. */
export function createI18n(language: Language = storedLanguage()): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: {
      'zh-CN': { translation: catalogs['zh-CN'] },
      en: { translation: catalogs.en },
    },
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    react: { useSuspense: false },
  });
  document.documentElement.lang = language;
  document.title = instance.t('app.name');
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    document.title = instance.t('app.name');
    try {
      if (isLanguage(lng)) window.localStorage.setItem(LANGUAGE_KEY, lng);
    } catch {
      // not persisted: the switch still applies to this window
    }
  });
  return instance;
}
