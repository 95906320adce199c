/**
 * Eight weeks of believable history for the demo company, so a first start shows a living company: standups
 * (late, missing, edited, on leave, blockers), goals with check-ins and escalations, points, redemptions and
 * monthly leaderboards, and last month's closed review cycle; and, for talent profiles, three years of annual reviews, goals and Jira work
 * (demoTalent). Deterministic: every choice comes from a generator
 * keyed by person and date (demoRandom), and every date is fixed relative to "now" (the weeks before the current
 * one), so two seeds at the same moment write identical rows. One transaction, prepared statements: about a
 * second for the 176 people. Loaded once: a database with any standup round already has a history.
 */
import { inTransaction } from '../client';
import type { ServiceDeps } from '../../bot/services/context';
import { seedDemoGoals } from './demoGoals';
import { seedDemoPoints } from './demoPoints';
import { seedDemoReviews } from './demoReviews';
import { seedDemoStandups } from './demoStandups';
import { seedDemoPools } from './demoPools';
import { seedDemoTalent } from './demoTalent';
import { seedDemoDevelopment } from './demoDevelopment';
import { historyWeeks, type DemoPerson } from './demoTimeline';
import { addLocalDays, localDate, weekdayOfWeek } from '../../bot/domain/localTime';
import { setHoliday } from '../../bot/services/calendar/calendarAdmin';

export interface DemoHistoryResult {
  weeks: number;
  requests: number;
  answers: number;
  goals: number;
  checkIns: number;
  escalations: number;
  redemptions: number;
  snapshots: number;
  reviews: number;
  /** The talent history (issue 16): annual reviews of the last three years. */
  annualReviews: number;
}

export function seedDemoHistory(deps: ServiceDeps): DemoHistoryResult | null {
  const c = deps.db.$client;
  if (c.prepare('select 1 from standup_rounds limit 1').get()) return null;
  const people = c
    .prepare<[], DemoPerson>(
      `select id, email, name, job_function as jobFunction, timezone, locale, manager_id as managerId, role from people where active = 1 order by id`,
    )
    .all();
  if (people.length === 0) return null;
  const weeks = historyWeeks(deps.now(), deps.settings.defaultTimezone);
  return inTransaction(deps.db, () => {
    // Two company days off: a team day in the history (that week's standup moves to Thursday) and one ahead.
    const actor = 'system:demo';
    setHoliday(deps, actor, { date: weekdayOfWeek(weeks[3].monday, 5), name: '公司团建日 / Team day', kind: 'off' });
    setHoliday(deps, actor, { date: addLocalDays(weekdayOfWeek(localDate(deps.now(), deps.settings.defaultTimezone), 5), 21), name: '公司年会 / Company annual meeting', kind: 'off' });
    const standups = seedDemoStandups(deps, people, weeks);
    const goals = seedDemoGoals(deps, people, weeks[0].monday);
    const points = seedDemoPoints(deps, people, weeks[0].monday);
    const reviews = seedDemoReviews(deps, people);
    const talent = seedDemoTalent(deps, people);
    // talent pools over that history, proposed by the use case: 架构师储备池 proposes 吴蕾鹏 (demoPools)
    seedDemoPools(deps);
    seedDemoDevelopment(deps, people);
    return {
      weeks: standups.rounds, requests: standups.requests, answers: standups.answers,
      goals: goals.goals, checkIns: goals.checkIns, escalations: goals.escalations,
      redemptions: points.redemptions, snapshots: points.snapshots, reviews: reviews.reviews, annualReviews: talent.reviews,
    };
  });
}
