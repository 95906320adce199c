import { Router } from 'express';
import express from 'express';
import { z } from 'zod';
import { AppError } from '../../bot/errors';
import { localDate } from '../../bot/domain/localTime';
import { asLocale } from '../../bot/i18n';
import { goalTree } from '../../bot/services/goals/goalQueries';
import { rankOf } from '../../bot/services/points/leaderboard';
import { balanceOf, monthOf, monthScore } from '../../bot/services/points/points';
import { myRedemptions } from '../../bot/services/points/rewards';
import { answerMyStandup, myStandup } from '../../bot/services/standup/myStandup';
import { MAX_ANSWER_LENGTH } from '../../bot/services/standup/submitStandupForm';
import type { ApiContext } from './context';
import { parseWith } from './http';
import { jsonBody } from './jsonBody';

const answersBody = z.strictObject({ answers: z.array(z.string().max(MAX_ANSWER_LENGTH).nullable()).min(1).max(20) });

/** My page: the signed-in person's own standup, goals and points. */
export function meRoutes(ctx: ApiContext): Router {
  const r = Router();
  const { deps } = ctx;
  const me = (req: express.Request) => {
    if (req.user!.personId == null) throw new AppError('no_person', 'This account is not a person in the directory.', { status: 409 });
    return { personId: req.user!.personId, locale: asLocale(req.user!.locale, deps.settings.defaultLocale) };
  };

  r.get('/me/standup', (req, res) => {
    const { personId, locale } = me(req);
    res.json({ standup: myStandup(deps, personId, locale) });
  });
  r.put('/me/standup', jsonBody('64kb'), async (req, res) => {
    const { personId, locale } = me(req);
    const { answers } = parseWith(answersBody, req.body);
    const standup = answerMyStandup(deps, personId, locale, answers);
    await ctx.flushOutbox();
    res.json({ standup });
  });
  r.get('/me/goals', (req, res) => {
    const { personId } = me(req);
    // A cancelled development path's milestones are closed: they leave My page.
    const closed = new Set(deps.db.$client.prepare(`select x.goal_id from path_assignment_goals x join path_assignments a on a.id = x.assignment_id where a.person_id = ? and a.status = 'cancelled'`).pluck().all(personId) as number[]);
    const goals = goalTree(deps.db, localDate(deps.now(), deps.settings.defaultTimezone), { ownerId: personId }).filter((g) => !closed.has(g.id)).map((g) => ({
      id: g.id, title: g.title, level: g.level, kind: g.kind, unit: g.unit, startValue: g.startValue, targetValue: g.targetValue, currentValue: g.currentValue,
      progress: g.progress, expected: g.expected, status: g.status, nextCheckpoint: g.nextCheckpoint, periodEnd: g.periodEnd, metric: g.metric,
    }));
    res.json({ goals });
  });
  r.get('/me/points', (req, res) => {
    const { personId } = me(req);
    const month = monthOf(deps.now(), deps.settings.defaultTimezone);
    res.json({
      balance: balanceOf(deps.db, personId),
      month,
      score: monthScore(deps.db, personId, month),
      rank: rankOf(deps.db, personId, month),
      redemptions: myRedemptions(deps, personId),
    });
  });
  return r;
}
