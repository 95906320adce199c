import { t } from '../i18n';
import { signOut } from '../store/signOut';
import type { User } from '../types';
import { AccountMenu } from './auth/AccountMenu';
import { LanguageSwitch } from './LanguageSwitch';
import { NavTabs } from './NavTabs';

export function Header({ user }: { user: User }) {
  return (
    <header class="app-header">
      <h1 class="app-name">{t('app.name')}</h1>
      <NavTabs />
      <div class="header-right">
        <AccountMenu user={user} />
        <LanguageSwitch />
        <button type="button" data-testid="logout" onClick={() => void signOut()}>
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}
