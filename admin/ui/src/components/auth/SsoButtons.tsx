import { t } from '../../i18n';
import { authMethods } from '../../store/signIn';

/** Sign in with Slack / WeCom, when the server has them on. */
export function SsoButtons() {
  const { slack, wecom } = authMethods.value;
  if (!slack && !wecom) return null;
  return (
    <div class="sso-buttons">
      {slack && (
        <a class="button sso-slack" href="/auth/slack" data-testid="sign-in-slack">
          {t('login.slack')}
        </a>
      )}
      {wecom && (
        <a class="button sso-wecom" href="/auth/wecom" data-testid="sign-in-wecom">
          {t('login.wecom')}
        </a>
      )}
    </div>
  );
}
