import { Button, SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../../shared/i18n';
import { currentLanguage, isLanguage } from '../i18n/i18n';

/** One button that switches to the other language; each language's name is written in itself. */
export function LanguageToggle() {
  const { t, i18n } = useTranslation();
  const other: Language = currentLanguage(i18n) === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <Button
      variant="subtle"
      size="compact-sm"
      lang={other}
      aria-label={`${t('language.label')}: ${t(`language.${other}`)}`}
      onClick={() => void i18n.changeLanguage(other)}
      data-testid="language-toggle"
    >
      {t(`language.${other}`)}
    </Button>
  );
}

/** The settings control: every language visible at once (test ids `language-zh-CN`, `language-en`). */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      data-testid="language-select"
      aria-label={t('language.label')}
      value={currentLanguage(i18n)}
      onChange={(value) => {
        if (isLanguage(value)) void i18n.changeLanguage(value);
      }}
      data={LANGUAGES.map((language) => ({
        value: language,
        label: (
          <span lang={language} data-testid={`language-${language}`}>
            {t(`language.${language}`)}
          </span>
        ),
      }))}
    />
  );
}
