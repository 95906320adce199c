import { useEffect } from 'preact/hooks';
import { route } from '../store/route';
import { loadWarnings } from '../store/status';
import type { User } from '../types';
import { AuditPage } from './audit/AuditPage';
import { IntegrationsPage } from './integrations/IntegrationsPage';
import { CalendarPage } from './CalendarPage';
import { ChatPage } from './ChatPage';
import { GoalsPage } from './GoalsPage';
import { Header } from './Header';
import { HrPage } from './hr/HrPage';
import { LeaderboardPage } from './LeaderboardPage';
import { MyPage } from './me/MyPage';
import { PeoplePage } from './people/PeoplePage';
import { RedemptionsPage } from './RedemptionsPage';
import { PersonFilePage } from './reviews/PersonFilePage';
import { ReviewsPage } from './reviews/ReviewsPage';
import { RewardsPage } from './RewardsPage';
import { ReportsPage } from './reports/ReportsPage';
import { JournalPage } from './standup/JournalPage';
import { SetupPage } from './setup/SetupPage';
import { SettingsPage } from './settings/SettingsPage';
import { TalentPage } from './talent/TalentPage';
import { TeamPage } from './team/TeamPage';
import { WarningsBanner } from './WarningsBanner';

/** The logged-in console: header with navigation, system warnings, then the page the hash names. */
export function Shell({ user }: { user: User }) {
  useEffect(() => {
    void loadWarnings();
  }, [user.id]);

  const page = route.value;
  return (
    <div class="app-shell" data-route={page}>
      <Header user={user} />
      <WarningsBanner />
      <main class="app-main">
        {page === 'me' && <MyPage user={user} />}
        {page === 'team' && <TeamPage />}
        {page === 'hr' && <HrPage />}
        {page === 'people' && <PeoplePage />}
        {page === 'setup' && <SetupPage />}
        {page === 'chat' && <ChatPage user={user} />}
        {page === 'log' && <JournalPage />}
        {page === 'reports' && <ReportsPage />}
        {page === 'leaderboard' && <LeaderboardPage />}
        {page === 'rewards' && <RewardsPage />}
        {page === 'redemptions' && <RedemptionsPage />}
        {page === 'goals' && <GoalsPage />}
        {page === 'reviews' && <ReviewsPage />}
        {page === 'talent' && <TalentPage />}
        {page === 'file' && <PersonFilePage />}
        {page === 'calendar' && <CalendarPage />}
        {page === 'audit' && <AuditPage />}
        {page === 'integrations' && <IntegrationsPage />}
        {page === 'settings' && <SettingsPage />}
      </main>
    </div>
  );
}
