import { useSignal } from '@preact/signals';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { goTo, hashParams, landingRoute } from '../../store/route';
import { setPassword } from '../../store/signIn';
import { LanguageSwitch } from '../LanguageSwitch';
import { useSubmit } from '../../useSubmit';

export const MIN_PASSWORD = 12;

/** `#/set-password?token=…` from a link the bot sent: choose a password, then this browser is signed in. */
export function SetPasswordPage() {
  const password = useSignal('');
  const repeat = useSignal('');
  const { busy, error, submit } = useSubmit();
  const token = hashParams.value.get('token') ?? '';

  const tooShort = password.value.length > 0 && password.value.length < MIN_PASSWORD;
  const differs = repeat.value.length > 0 && repeat.value !== password.value;
  const ready = !!token && password.value.length >= MIN_PASSWORD && repeat.value === password.value;

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (!ready) return;
    await submit(async () => {
      await setPassword(token, password.value);
      goTo(landingRoute.value, true); // the token leaves the address bar
    });
  }

  return (
    <main class="login">
      <div class="login-lang">
        <LanguageSwitch />
      </div>
      <form class="card login-card login-form" onSubmit={onSubmit} data-testid="set-password-page">
        <h1>{t('app.name')}</h1>
        <p class="muted">{t('password.title')}</p>
        {!token && (
          <p class="error" role="alert" data-testid="set-password-no-token">
            {t('password.noToken')}
          </p>
        )}
        <label>
          <span>{t('password.new')}</span>
          <input
            data-testid="new-password"
            type="password"
            autocomplete="new-password"
            minLength={MIN_PASSWORD}
            required
            aria-invalid={tooShort}
            value={password.value}
            onInput={(e) => (password.value = e.currentTarget.value)}
          />
          <span class={tooShort ? 'field-error' : 'muted small'}>{t('password.rule', { min: MIN_PASSWORD })}</span>
        </label>
        <label>
          <span>{t('password.repeat')}</span>
          <input
            data-testid="repeat-password"
            type="password"
            autocomplete="new-password"
            required
            aria-invalid={differs}
            value={repeat.value}
            onInput={(e) => (repeat.value = e.currentTarget.value)}
          />
          {differs && <span class="field-error">{t('password.differs')}</span>}
        </label>
        {error.value ? (
          <p class="error" role="alert" data-testid="set-password-error">
            {errorText(error.value)}
          </p>
        ) : null}
        <button class="primary" type="submit" data-testid="set-password-submit" disabled={busy.value || !ready}>
          {busy.value ? t('form.saving') : t('password.submit')}
        </button>
        <a href="#/" class="small" data-testid="set-password-cancel">
          {t('password.back')}
        </a>
      </form>
    </main>
  );
}
