import { resetChat } from './chat';
import { resetRules } from './escalationRules';
import { resetGoalDetail } from './goalDetail';
import { resetGoals } from './goals';
import { resetHolidays } from './holidays';
import { resetNationalDays } from './nationalDays';
import { hrOverview } from './hrOverview';
import { jobOutcome } from './jobs';
import { resetLeaderboard } from './leaderboard';
import { resetLeaves } from './leaves';
import { myGoals } from './myGoals';
import { myPoints } from './myPoints';
import { myStandup } from './myStandup';
import { resetPeople } from './peopleDirectory';
import { resetLogs } from './progressLog';
import { resetReports } from './reports';
import { resetJournal } from './journal';
import { resetRedemptions } from './redemptions';
import { resetRewards } from './rewards';
import { logout } from './session';
import { setupStatus } from './setupStatus';
import { resetWarnings } from './status';
import { resetTeam } from './teamWeek';
import { resetUpdateRate } from './updateRate';

/** Forgets everything the pages loaded (on sign-out), so the next account starts clean. */
export function resetAll(): void {
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
  resetNationalDays();
  resetLeaves();
  jobOutcome.value = null;
  for (const r of [myStandup, myGoals, myPoints, hrOverview, setupStatus]) r.reset();
  resetLogs();
  resetReports();
  resetJournal();
  resetTeam();
  resetPeople();
}

/** Ends the session (`everywhere`: every session of the account) and forgets what the pages loaded. */
export async function signOut(everywhere = false): Promise<void> {
  resetAll();
  try {
    await logout(everywhere);
  } catch (err) {
    console.error(err); // the local session is cleared either way
  }
}
