import { useSignal } from '@preact/signals';
import { errorText } from '../../errors';
import { hasKey, t } from '../../i18n';
import { requestPasswordLink } from '../../store/signIn';
import { signOut } from '../../store/signOut';
import type { User } from '../../types';
import { useSubmit } from '../../useSubmit';

const roleName = (role: string) => (hasKey(`role.${role}`) ? t(`role.${role}`) : role);

/** The signed-in user's name opens: set/change password (admin, HR: the link comes in chat), sign out everywhere. */
export function AccountMenu({ user }: { user: User }) {
  const { busy, error, submit } = useSubmit();
  const sent = useSignal(false);
  const mayHavePassword = (user.role === 'admin' || user.role === 'hr') && user.personId != null;

  async function onPasswordLink() {
    sent.value = false;
    sent.value = await submit(requestPasswordLink);
  }

  return (
    <details class="account-menu" data-testid="account-menu">
      <summary class="current-user" title={user.email} data-testid="current-user">
        {t('header.user', { name: user.name || user.email, role: roleName(user.role) })}
      </summary>
      <div class="account-panel card">
        <p class="small muted account-email">{user.email}</p>
        {mayHavePassword && (
          <button type="button" data-testid="password-link" disabled={busy.value} onClick={() => void onPasswordLink()}>
            {user.hasPassword ? t('account.changePassword') : t('account.setPassword')}
          </button>
        )}
        {(sent.value || error.value) && (
          <p class={sent.value ? 'success small' : 'error small'} role="status" data-testid="password-link-result">
            {sent.value ? t('account.passwordLinkSent') : errorText(error.value)}
          </p>
        )}
        <button type="button" data-testid="logout-all" onClick={() => void signOut(true)}>
          {t('account.logoutAll')}
        </button>
      </div>
    </details>
  );
}
