import { hasKey, t } from '../i18n';
import { resetChat } from '../store/chat';
import { resetRules } from '../store/escalationRules';
import { resetGoalDetail } from '../store/goalDetail';
import { resetGoals } from '../store/goals';
import { resetHolidays } from '../store/holidays';
import { jobOutcome } from '../store/jobs';
import { resetLeaderboard } from '../store/leaderboard';
import { resetLeaves } from '../store/leaves';
import { resetRedemptions } from '../store/redemptions';
import { resetRewards } from '../store/rewards';
import { logout } from '../store/session';
import { resetWarnings } from '../store/status';
import { resetUpdateRate } from '../store/updateRate';
import type { User } from '../types';
import { LanguageSwitch } from './LanguageSwitch';
import { NavTabs } from './NavTabs';

export function Header({ user }: { user: User }) {
  async function onLogout() {
    resetChat();
    resetLeaderboard();
    resetRewards();
    resetRedemptions();
    resetWarnings();
    resetGoals();
    resetGoalDetail();
    resetUpdateRate();
    resetRules();
    resetHolidays();
    resetLeaves();
    jobOutcome.value = null;
    try {
      await logout();
    } catch (err) {
      console.error(err); // the local session is cleared either way
    }
  }

  return (
    <header class="app-header">
      <h1 class="app-name">{t('app.name')}</h1>
      <NavTabs />
      <div class="header-right">
        <span class="current-user" title={user.email}>
          {t('header.user', { name: user.name || user.email, role: hasKey(`role.${user.role}`) ? t(`role.${user.role}`) : user.role })}
        </span>
        <LanguageSwitch />
        <button type="button" data-testid="logout" onClick={onLogout}>
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}
