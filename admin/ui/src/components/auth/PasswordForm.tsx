import { useSignal } from '@preact/signals';
import { ApiError } from '../../api';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { goTo, landingRoute } from '../../store/route';
import { login } from '../../store/session';
import { useSubmit } from '../../useSubmit';

/** E-mail and password; after signing in, the user's landing page. */
export function PasswordForm() {
  const email = useSignal('');
  const password = useSignal('');
  const { busy, error, submit } = useSubmit();

  async function onSubmit(e: Event) {
    e.preventDefault();
    await submit(async () => {
      await login(email.value.trim(), password.value);
      goTo(landingRoute.value);
    });
  }

  const err = error.value;
  const message = err instanceof ApiError && err.status === 401 ? t('login.error.invalid') : err ? errorText(err) : null;
  return (
    <form class="login-form" onSubmit={onSubmit} data-testid="password-form">
      <label>
        <span>{t('login.email')}</span>
        <input
          data-testid="login-email"
          type="email"
          autocomplete="username"
          required
          value={email.value}
          onInput={(e) => (email.value = e.currentTarget.value)}
        />
      </label>
      <label>
        <span>{t('login.password')}</span>
        <input
          data-testid="login-password"
          type="password"
          autocomplete="current-password"
          required
          value={password.value}
          onInput={(e) => (password.value = e.currentTarget.value)}
        />
      </label>
      {message && (
        <p class="error" role="alert" data-testid="login-error">
          {message}
        </p>
      )}
      <button class="primary" type="submit" data-testid="login-submit" disabled={busy.value}>
        {busy.value ? t('login.submitting') : t('login.submit')}
      </button>
    </form>
  );
}
