import { LOCALES, locale, setLocale, t, type Locale } from '../i18n';

export function LanguageSwitch() {
  return (
    <select
      class="lang-switch"
      data-testid="lang-switch"
      aria-label={t('lang.label')}
      value={locale.value}
      onChange={(e) => setLocale(e.currentTarget.value as Locale)}
    >
      {LOCALES.map((code) => (
        <option key={code} value={code}>
          {t(`lang.${code}`)}
        </option>
      ))}
    </select>
  );
}
