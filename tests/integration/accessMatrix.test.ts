/**
 * Every /api route × {employee, manager, hr, admin} × {own, own subtree, another team}: allowed or not. The route
 * list is read from the API router itself, so a new route without a row here fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from 'express';
import { apiRouter } from '../../admin/api/index';
import { adjustPoints } from '../../bot/services/points/adjustPoints';
import { redeemReward, saveReward } from '../../bot/services/points/rewards';
import { Client, PEOPLE_HEADER, TestApp } from '../support/harness';
import { DEFAULT_TEMPLATE, insertTemplates } from '../support/reviewTemplates';

type Role = 'employee' | 'manager' | 'hr' | 'admin';
type Target = 'own' | 'subtree' | 'other';
/**
 * ok: not 401/403 (whatever the request's own outcome); no: 403 forbidden; ro: 403 read_only; self: 403 own_points or
 * own_redemption (nobody awards or approves for themselves).
 */
type Verdict = 'ok' | 'no' | 'ro' | 'self';
const SELF_CODES = ['own_points', 'own_redemption'];
type Row = { req: (t: Fixture, target: number, targetEmail: string) => [string, string, unknown?]; expect: Record<Role, readonly [Verdict, Verdict, Verdict] | Verdict> };

const ORG = [
  PEOPLE_HEADER,
  'A1,管理员,admin@example.com,总部,,general,Asia/Shanghai,zh-CN,,,admin',
  'H1,赵人事,zhao.hr@example.com,人力资源部,,hr,Asia/Shanghai,zh-CN,,,hr',
  'M1,王芳,wang.fang@example.com,研发中心,,rnd,Asia/Shanghai,zh-CN,,,manager',
  'E1,李雷,li.lei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
  'E2,韩梅梅,han.meimei@example.com,研发中心/后端组,wang.fang@example.com,rnd,Asia/Shanghai,zh-CN,,,employee',
  'M2,陈销售,chen.sales@example.com,销售部,,sales,Asia/Shanghai,zh-CN,,,manager',
  // Another team, on Slack: the simulator is read-only for them.
  'E3,周一,zhou.yi@example.com,销售部,chen.sales@example.com,sales,Asia/Shanghai,zh-CN,U0ZHOU,,employee',
].join('\n');

/** Who acts for each role, and their own / subtree / other-team targets. */
const ACTORS: Record<Role, { email: string; targets: Record<Target, string> }> = {
  employee: { email: 'li.lei@example.com', targets: { own: 'li.lei@example.com', subtree: 'han.meimei@example.com', other: 'zhou.yi@example.com' } },
  manager: { email: 'wang.fang@example.com', targets: { own: 'wang.fang@example.com', subtree: 'li.lei@example.com', other: 'zhou.yi@example.com' } },
  hr: { email: 'zhao.hr@example.com', targets: { own: 'zhao.hr@example.com', subtree: 'li.lei@example.com', other: 'zhou.yi@example.com' } },
  admin: { email: 'admin@example.com', targets: { own: 'admin@example.com', subtree: 'li.lei@example.com', other: 'zhou.yi@example.com' } },
};

interface Fixture {
  goalOf: Map<number, number>;
  /** A pending redemption of each person. */
  redemptionOf: Map<number, number>;
  /** Each person's review in an open cycle, and that cycle. */
  reviewOf: Map<number, number>;
  cycleId: number;
}

const all = (v: Verdict): [Verdict, Verdict, Verdict] => [v, v, v];
const staff = { employee: 'no', manager: 'no', hr: 'ok', admin: 'ok' } as const;
const adminOnly = { employee: 'no', manager: 'no', hr: 'no', admin: 'ok' } as const;
const everyone = { employee: 'ok', manager: 'ok', hr: 'ok', admin: 'ok' } as const;
/** HR actions that may never be about yourself. */
const staffNotSelf = { employee: all('no'), manager: all('no'), hr: ['self', 'ok', 'ok'], admin: ['self', 'ok', 'ok'] } as const;
/** Reading a person's data: yourself, your subtree, everyone for HR/admin. */
const personal = { employee: ['ok', 'no', 'no'], manager: ['ok', 'ok', 'no'], hr: all('ok'), admin: all('ok') } as const;
const badCsv = 'not,a,valid,header\n1,2,3,4';

const MATRIX: Record<string, Row> = {
  'GET /api/people': { req: () => ['GET', '/api/people'], expect: everyone },
  'POST /api/people/import': { req: () => ['POST', '/api/people/import', badCsv], expect: staff },
  'GET /api/people/org-chart': { req: () => ['GET', '/api/people/org-chart'], expect: everyone },
  'GET /api/people/:id': { req: (_f, id) => ['GET', `/api/people/${id}`], expect: personal },
  // a no-op edit (only a reason): HR and admins may, nobody else
  'PATCH /api/people/:id': { req: (_f, id) => ['PATCH', `/api/people/${id}`, { reason: 'matrix' }], expect: staff },
  // no reason: 400 for whoever may deactivate, so nobody is deactivated here
  'POST /api/people/:id/deactivate': { req: (_f, id) => ['POST', `/api/people/${id}/deactivate`, {}], expect: staff },
  'POST /api/jobs/:name/run': { req: () => ['POST', '/api/jobs/no-such-job/run'], expect: adminOnly },
  'GET /api/local/messages': { req: (_f, _id, email) => ['GET', `/api/local/messages?employee=${email}`], expect: personal },
  'POST /api/local/messages': {
    req: (_f, _id, email) => ['POST', '/api/local/messages', { employee: email, text: 'help' }],
    expect: { employee: ['ok', 'no', 'ro'], manager: ['ok', 'no', 'ro'], hr: ['ok', 'ok', 'ro'], admin: ['ok', 'ok', 'ro'] },
  },
  'GET /api/leaderboard': { req: () => ['GET', '/api/leaderboard'], expect: everyone },
  'GET /api/leaderboard/snapshots/:month': { req: () => ['GET', '/api/leaderboard/snapshots/2026-10'], expect: everyone },
  'GET /api/people/:id/ledger': { req: (_f, id) => ['GET', `/api/people/${id}/ledger`], expect: personal },
  'POST /api/points/adjust': { req: (_f, _id, email) => ['POST', '/api/points/adjust', { email, amount: 1, reason: 'matrix' }], expect: staffNotSelf },
  'GET /api/rewards': { req: () => ['GET', '/api/rewards'], expect: everyone },
  'POST /api/rewards': { req: () => ['POST', '/api/rewards', { nameZh: '' }], expect: staff },
  'PUT /api/rewards/:id': { req: () => ['PUT', '/api/rewards/99999', { nameZh: '' }], expect: staff },
  'GET /api/redemptions': { req: () => ['GET', '/api/redemptions'], expect: staff },
  'POST /api/redemptions': { req: () => ['POST', '/api/redemptions', { rewardId: 99999 }], expect: everyone },
  'POST /api/redemptions/:id/:decision': { req: (f, id) => ['POST', `/api/redemptions/${f.redemptionOf.get(id)}/approve`, {}], expect: staffNotSelf },
  'GET /api/reports/time-off': { req: () => ['GET', '/api/reports/time-off?from=2026-01-01&to=2026-12-31'], expect: staff },
  'GET /api/audit': { req: (_f, _id, email) => ['GET', `/api/audit?person=${email}&limit=5`], expect: staff },
  'GET /api/audit/verify': { req: () => ['GET', '/api/audit/verify'], expect: staff },
  'GET /api/goals': { req: () => ['GET', '/api/goals'], expect: everyone },
  'GET /api/goals/:id': { req: (f, id) => ['GET', `/api/goals/${f.goalOf.get(id)}`], expect: personal },
  'POST /api/goals/import': { req: () => ['POST', '/api/goals/import', badCsv], expect: staff },
  'POST /api/goals': {
    req: (_f, _id, email) => ['POST', '/api/goals', { level: 'individual', title: 'matrix', ownerEmail: email, startValue: 0, targetValue: 10, periodStart: '2026-10-01', periodEnd: '2026-12-31' }],
    expect: { employee: all('no'), manager: ['no', 'ok', 'no'], hr: all('ok'), admin: all('ok') },
  },
  'PATCH /api/goals/:id': {
    req: (f, id) => ['PATCH', `/api/goals/${f.goalOf.get(id)}`, { reason: 'matrix', weight: 1 }],
    expect: { employee: all('no'), manager: ['no', 'ok', 'no'], hr: all('ok'), admin: all('ok') },
  },
  'DELETE /api/goals/:id': { req: () => ['DELETE', '/api/goals/99999'], expect: staff },
  'POST /api/goals/:id/check-ins': {
    req: (f, id) => ['POST', `/api/goals/${f.goalOf.get(id)}/check-ins`, { value: 1 }],
    expect: { employee: ['ok', 'no', 'no'], manager: ['ok', 'no', 'no'], hr: ['ok', 'no', 'no'], admin: ['ok', 'no', 'no'] },
  },
  'GET /api/reports/update-rate': { req: () => ['GET', '/api/reports/update-rate?from=2026-10-01&to=2026-12-31'], expect: everyone },
  'GET /api/escalation-rules': { req: () => ['GET', '/api/escalation-rules'], expect: staff },
  'PUT /api/escalation-rules': { req: () => ['PUT', '/api/escalation-rules', { bad: true }], expect: adminOnly },
  'DELETE /api/escalation-rules': { req: () => ['DELETE', '/api/escalation-rules?department=nowhere'], expect: adminOnly },
  'GET /api/holidays': { req: () => ['GET', '/api/holidays?year=2026'], expect: everyone },
  'GET /api/holidays/national': { req: () => ['GET', '/api/holidays/national?year=2027'], expect: everyone },
  'PUT /api/holidays/:date': { req: () => ['PUT', '/api/holidays/2099-01-01', { name: '' }], expect: staff },
  'DELETE /api/holidays/:date': { req: () => ['DELETE', '/api/holidays/2099-01-02'], expect: staff },
  'GET /api/leaves': { req: () => ['GET', '/api/leaves'], expect: everyone },
  'POST /api/leaves': { req: () => ['POST', '/api/leaves', { email: 'x' }], expect: staff },
  'DELETE /api/leaves/:id': { req: () => ['DELETE', '/api/leaves/99999'], expect: staff },
  'GET /api/progress-log': { req: (_f, _id, email) => ['GET', `/api/progress-log?from=2026-01-01&to=2026-12-31&email=${email}`], expect: personal },
  // dashboards: everyone reads them, counted over the people they may see; a named person only within that
  'GET /api/reports/participation': { req: () => ['GET', '/api/reports/participation?from=2026-11-01&to=2026-11-30'], expect: everyone },
  'GET /api/reports/blockers': { req: () => ['GET', '/api/reports/blockers?from=2026-11-01&to=2026-11-30'], expect: everyone },
  'GET /api/reports/overdue': { req: () => ['GET', '/api/reports/overdue?from=2026-11-01&to=2026-11-30'], expect: everyone },
  'GET /api/reports/points': { req: () => ['GET', '/api/reports/points?month=2026-11'], expect: everyone },
  'GET /api/reports/review-completion': { req: () => ['GET', '/api/reports/review-completion'], expect: everyone },
  'GET /api/reports/roles': { req: (_f, _id, email) => ['GET', `/api/reports/roles?function=sales&from=2026-10&to=2026-11&email=${email}`], expect: personal },
  'GET /api/reports/cycle': { req: (f) => ['GET', `/api/reports/cycle?cycleId=${f.cycleId}`], expect: staff },
  'GET /api/system/status': { req: () => ['GET', '/api/system/status'], expect: everyone },
  'GET /api/me/standup': { req: () => ['GET', '/api/me/standup'], expect: everyone },
  'PUT /api/me/standup': { req: () => ['PUT', '/api/me/standup', { answers: ['matrix'] }], expect: everyone },
  'GET /api/me/goals': { req: () => ['GET', '/api/me/goals'], expect: everyone },
  'GET /api/me/points': { req: () => ['GET', '/api/me/points'], expect: everyone },
  'GET /api/team/week': { req: () => ['GET', '/api/team/week'], expect: { employee: 'no', manager: 'ok', hr: 'ok', admin: 'ok' } },
  'POST /api/team/nudge': {
    req: (_f, id) => ['POST', '/api/team/nudge', { personId: id }],
    expect: { employee: all('no'), manager: ['no', 'ok', 'no'], hr: all('ok'), admin: all('ok') },
  },
  'GET /api/hr/overview': { req: () => ['GET', '/api/hr/overview'], expect: staff },
  'GET /api/setup/status': { req: () => ['GET', '/api/setup/status'], expect: adminOnly },
  'POST /api/review-cycles': { req: () => ['POST', '/api/review-cycles', { name: '' }], expect: staff },
  'GET /api/review-cycles': { req: () => ['GET', '/api/review-cycles'], expect: everyone },
  'POST /api/review-cycles/:id/open': { req: () => ['POST', '/api/review-cycles/99999/open'], expect: staff },
  'POST /api/review-cycles/:id/release': { req: () => ['POST', '/api/review-cycles/99999/release'], expect: staff },
  'GET /api/review-cycles/:id/reviews': { req: (f) => ['GET', `/api/review-cycles/${f.cycleId}/reviews`], expect: { employee: 'no', manager: 'ok', hr: 'ok', admin: 'ok' } },
  'GET /api/reviews/:id': { req: (f, id) => ['GET', `/api/reviews/${f.reviewOf.get(id)}`], expect: personal },
  'POST /api/reviews/:id/self': { req: (f, id) => ['POST', `/api/reviews/${f.reviewOf.get(id)}/self`, { answers: [null] }], expect: { employee: ['ok', 'no', 'no'], manager: ['ok', 'no', 'no'], hr: ['ok', 'no', 'no'], admin: ['ok', 'no', 'no'] } },
  // an invalid grade, so nothing is submitted: whoever may grade gets 400, everyone else 403; nobody grades themselves
  'POST /api/reviews/:id/manager': {
    req: (f, id) => ['POST', `/api/reviews/${f.reviewOf.get(id)}/manager`, { grade: 'Z', feedback: 'matrix' }],
    expect: { employee: all('no'), manager: ['no', 'ok', 'no'], hr: ['no', 'ok', 'ok'], admin: ['no', 'ok', 'ok'] },
  },
  'POST /api/reviews/:id/flags/:flag/clear': { req: (f, id) => ['POST', `/api/reviews/${f.reviewOf.get(id)}/flags/none/clear`, { reason: 'matrix' }], expect: staff },
  'GET /api/me/reviews': { req: () => ['GET', '/api/me/reviews'], expect: everyone },
  // appeals: anyone lists (their own scope) and appeals their own review; HR answers; reports are HR's
  'GET /api/appeals': { req: () => ['GET', '/api/appeals'], expect: everyone },
  'POST /api/appeals': { req: (f, id) => ['POST', '/api/appeals', { reviewId: f.reviewOf.get(id) ?? 99999, reason: 'matrix' }], expect: everyone },
  'POST /api/appeals/:id/resolve': { req: () => ['POST', '/api/appeals/99999/resolve', { outcome: 'upheld', note: 'matrix' }], expect: staff },
  'GET /api/appeals/report': { req: () => ['GET', '/api/appeals/report'], expect: staff },
  'GET /api/pulse/report': { req: () => ['GET', '/api/pulse/report'], expect: staff },
  // talent pools: HR and admins only (managers do not read pools: docs/talent.md ## Pools); bad rule / no pool → 400/404
  'GET /api/talent/pools': { req: () => ['GET', '/api/talent/pools'], expect: staff },
  'POST /api/talent/pools': { req: () => ['POST', '/api/talent/pools', { name: 'matrix', rule: 'nonsense >' }], expect: staff },
  'GET /api/talent/pools/report': { req: () => ['GET', '/api/talent/pools/report'], expect: staff },
  'POST /api/talent/pools/check-rule': { req: () => ['POST', '/api/talent/pools/check-rule', { rule: 'potential >= 4' }], expect: staff },
  'GET /api/talent/pools/:id': { req: () => ['GET', '/api/talent/pools/99999'], expect: staff },
  'PATCH /api/talent/pools/:id': { req: () => ['PATCH', '/api/talent/pools/99999', { description: 'matrix' }], expect: staff },
  'POST /api/talent/pools/:id/propose': { req: () => ['POST', '/api/talent/pools/99999/propose'], expect: staff },
  'POST /api/talent/pools/:id/members/:memberId/decision': { req: () => ['POST', '/api/talent/pools/99999/members/1/decision', { decision: 'accept' }], expect: staff },
  'POST /api/talent/pools/:id/members/:memberId/remove': { req: () => ['POST', '/api/talent/pools/99999/members/1/remove', { reason: 'matrix' }], expect: staff },
  'GET /api/review-cycles/:id/report': { req: (f) => ['GET', `/api/review-cycles/${f.cycleId}/report`], expect: { employee: 'no', manager: 'ok', hr: 'ok', admin: 'ok' } },
  // calibration is HR's meeting (99999: a 404 once allowed)
  'POST /api/calibration-sessions': { req: () => ['POST', '/api/calibration-sessions', { cycleId: 99999 }], expect: staff },
  'GET /api/calibration-sessions/:id': { req: () => ['GET', '/api/calibration-sessions/99999'], expect: staff },
  'POST /api/calibration-sessions/:id/changes': { req: () => ['POST', '/api/calibration-sessions/99999/changes', { reviewId: 1, grade: 'B', reason: 'matrix' }], expect: staff },
  'POST /api/calibration-sessions/:id/invite': { req: () => ['POST', '/api/calibration-sessions/99999/invite', { invite: [1] }], expect: staff },
  'PUT /api/calibration-sessions/:id/minutes': { req: () => ['PUT', '/api/calibration-sessions/99999/minutes', { minutes: 'matrix' }], expect: staff },
  'POST /api/calibration-sessions/:id/lock': { req: () => ['POST', '/api/calibration-sessions/99999/lock'], expect: staff },
  'POST /api/calibration-sessions/:id/reopen': { req: () => ['POST', '/api/calibration-sessions/99999/reopen', { reason: 'matrix' }], expect: staff },
  'GET /api/people/:id/file': { req: (_f, id) => ['GET', `/api/people/${id}/file`], expect: personal },
  'GET /api/metric-definitions': { req: () => ['GET', '/api/metric-definitions'], expect: everyone },
  'POST /api/metric-definitions': { req: () => ['POST', '/api/metric-definitions', { key: '' }], expect: staff },
  // talent (issue 16): the profile is HR's and the manager chain's (the person's own only when the company allows it:
  // off here); the 9-box over time HR's and managers' (their subtree)
  'GET /api/talent/people/:id/profile': { req: (_f, id) => ['GET', `/api/talent/people/${id}/profile`], expect: { employee: all('no'), manager: ['no', 'ok', 'no'], hr: all('ok'), admin: all('ok') } },
  'GET /api/talent/nine-box': { req: () => ['GET', '/api/talent/nine-box'], expect: { employee: 'no', manager: 'ok', hr: 'ok', admin: 'ok' } },
  'POST /api/metrics': { req: (_f, _id, email) => ['POST', '/api/metrics', { source: 'matrix', records: [{ email, metric: 'no_such_metric', period: '2026-11', value: 1 }] }], expect: staff },
  'GET /api/integrations': { req: () => ['GET', '/api/integrations'], expect: staff },
  'GET /api/integrations/runs': { req: () => ['GET', '/api/integrations/runs?limit=5'], expect: staff },
  'GET /api/integrations/quarantine': { req: () => ['GET', '/api/integrations/quarantine?limit=5'], expect: staff },
  'POST /api/integrations/helpdesk/import': { req: () => ['POST', '/api/integrations/helpdesk/import', badCsv], expect: adminOnly },
  'PUT /api/integrations/:key': { req: () => ['PUT', '/api/integrations/jira', { bad: true }], expect: adminOnly },
  'POST /api/integrations/:key/run': { req: () => ['POST', '/api/integrations/nowhere/run', {}], expect: adminOnly },
  'GET /api/metrics': { req: (_f, _id, email) => ['GET', `/api/metrics?email=${email}`], expect: personal },
  'POST /api/metrics/correct': { req: (_f, _id, email) => ['POST', '/api/metrics/correct', { email, metric: 'no_such_metric', period: '2026-11', value: 1, reason: 'matrix' }], expect: staff },
  'GET /api/settings': { req: () => ['GET', '/api/settings'], expect: adminOnly },
  // An invalid change: refused after the access check, so nothing is changed for anyone.
  'PATCH /api/settings': { req: () => ['PATCH', '/api/settings', { points: { standupOnTime: -1 } }], expect: adminOnly },
  'GET /api/rating-scale': { req: () => ['GET', '/api/rating-scale'], expect: everyone },
  'PUT /api/rating-scale': { req: () => ['PUT', '/api/rating-scale', { grades: [] }], expect: staff },
  'GET /api/review-templates': { req: () => ['GET', '/api/review-templates'], expect: staff },
  // managers read the template they grade by (99999: a 404 once allowed)
  'GET /api/review-templates/:id': { req: () => ['GET', '/api/review-templates/99999'], expect: { employee: 'no', manager: 'ok', hr: 'ok', admin: 'ok' } },
  'POST /api/review-templates': { req: () => ['POST', '/api/review-templates', { name: '' }], expect: staff },
  'PUT /api/review-templates/:id': { req: () => ['PUT', '/api/review-templates/99999', { name: '' }], expect: staff },
  'POST /api/review-templates/:id/duplicate': { req: () => ['POST', '/api/review-templates/99999/duplicate', { name: 'x', jobFunction: 'matrix' }], expect: staff },
  'POST /api/review-templates/preview': {
    req: (_f, _id, email) => ['POST', '/api/review-templates/preview', { body: { name: '' }, email, periodStart: '2026-10-01', periodEnd: '2026-12-31' }],
    expect: staff,
  },
  // development paths and mentors (issue 16): HR and admin manage (99999: a 404 once allowed); a person's paths read like their data
  'GET /api/talent/paths': { req: () => ['GET', '/api/talent/paths'], expect: staff },
  'POST /api/talent/paths': { req: () => ['POST', '/api/talent/paths', { name: '' }], expect: staff },
  'PUT /api/talent/paths/:id': { req: () => ['PUT', '/api/talent/paths/99999', { name: '' }], expect: staff },
  'GET /api/talent/assignments': { req: (_f, id) => ['GET', `/api/talent/assignments?personId=${id}`], expect: personal },
  'POST /api/talent/assignments': { req: (_f, id) => ['POST', '/api/talent/assignments', { pathId: 99999, personId: id }], expect: staff },
  'POST /api/talent/assignments/:id/cancel': { req: () => ['POST', '/api/talent/assignments/99999/cancel', { reason: 'matrix' }], expect: staff },
  'GET /api/talent/mentors/proposals': { req: (_f, id) => ['GET', `/api/talent/mentors/proposals?personId=${id}`], expect: staff },
  'GET /api/talent/mentorships': { req: () => ['GET', '/api/talent/mentorships'], expect: staff },
  'POST /api/talent/mentorships': { req: (_f, id) => ['POST', '/api/talent/mentorships', { menteeId: id, mentorId: 99999, goals: 'matrix' }], expect: staff },
  'POST /api/talent/mentorships/:id/end': { req: () => ['POST', '/api/talent/mentorships/99999/end', { reason: 'matrix' }], expect: staff },
  'GET /api/talent/reports/paths': { req: () => ['GET', '/api/talent/reports/paths?format=csv'], expect: staff },
  'GET /api/talent/reports/mentors': { req: () => ['GET', '/api/talent/reports/mentors?format=xlsx'], expect: staff },
  'GET /api/me/development': { req: () => ['GET', '/api/me/development'], expect: everyone },
};

/** Sign-in routes: open before sign-in, or about the caller's own session; covered by the sign-in tests. */
const SIGN_IN = [
  'GET /api/auth/methods', 'POST /api/auth/login', 'POST /api/auth/chat-link', 'POST /api/auth/password',
  'GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/logout-all', 'POST /api/auth/password-link',
];

/** Every METHOD /api/path the router serves, from Express's own route table. */
function routesOf(router: Router): string[] {
  const out: string[] = [];
  const walk = (stack: unknown[]) => {
    for (const layer of stack as { route?: { path: string | string[]; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }[]) {
      if (layer.route) {
        for (const path of [layer.route.path].flat()) for (const m of Object.keys(layer.route.methods)) out.push(`${m.toUpperCase()} /api${path}`);
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as unknown as { stack: unknown[] }).stack);
  return [...new Set(out)].sort();
}

describe('access matrix', () => {
  let t: TestApp;
  const clients = new Map<Role, Client>();
  const ids = new Map<string, number>();
  const fixture: Fixture = { goalOf: new Map(), redemptionOf: new Map(), reviewOf: new Map(), cycleId: 0 };

  beforeAll(async () => {
    t = await TestApp.start();
    expect((await t.importPeople(ORG)).status).toBe(200);
    for (const { id, email } of t.sql<{ id: number; email: string }>('select id, email from people')) ids.set(email, id);
    // One individual goal per person, made by the admin.
    for (const [email, id] of ids) {
      const res = await t.request('POST', '/api/goals', { level: 'individual', title: `goal of ${email}`, ownerEmail: email, startValue: 0, targetValue: 10, periodStart: '2026-10-01', periodEnd: '2026-12-31' });
      expect(res.status).toBe(201);
      fixture.goalOf.set(id, ((await res.json()) as { id: number }).id);
    }
    // One pending redemption per person, made through the use cases (the API would refuse the admin's own adjustment).
    const deps = t.app.deps;
    const reward = saveReward(deps, 'test', { nameZh: '咖啡券', nameEn: 'Coffee', cost: 1, kind: 'gift' });
    for (const id of ids.values()) {
      adjustPoints(deps, { personId: id, amount: 1, reason: 'matrix', actor: 'test' });
      fixture.redemptionOf.set(id, redeemReward(deps, id, reward.id, 'test').redemption.id);
    }
    await t.runJob('standup-prompt');
    // A review of everyone in an open cycle, from a default template.
    insertTemplates(t, DEFAULT_TEMPLATE);
    const cycle = await t.request('POST', '/api/review-cycles', { name: 'matrix', kind: 'monthly', periodStart: '2026-11-01', periodEnd: '2026-11-30' });
    fixture.cycleId = ((await cycle.json()) as { id: number }).id;
    expect((await t.request('POST', `/api/review-cycles/${fixture.cycleId}/open`)).status).toBe(200);
    for (const r of t.sql<{ id: number; personId: number }>('select id, person_id as personId from reviews')) fixture.reviewOf.set(r.personId, r.id);
    for (const [role, actor] of Object.entries(ACTORS)) clients.set(role as Role, await t.signInAs(actor.email));
  });
  afterAll(async () => t.destroy());

  it('has a row for every /api route', () => {
    const ctx = { deps: t.app.deps, config: t.app.config, flushOutbox: async () => {}, warnings: () => [] };
    const routes = routesOf(apiRouter(ctx));
    const missing = routes.filter((r) => !(r in MATRIX) && !SIGN_IN.includes(r));
    expect(missing, 'routes without an access-matrix row').toEqual([]);
    const stale = Object.keys(MATRIX).filter((r) => !routes.includes(r));
    expect(stale, 'matrix rows for routes that no longer exist').toEqual([]);
  });

  for (const [route, row] of Object.entries(MATRIX)) {
    it(route, async () => {
      const seen: string[] = [];
      const wanted: string[] = [];
      for (const role of ['employee', 'manager', 'hr', 'admin'] as Role[]) {
        const verdicts = typeof row.expect[role] === 'string' ? all(row.expect[role] as Verdict) : (row.expect[role] as readonly [Verdict, Verdict, Verdict]);
        for (const [i, target] of (['own', 'subtree', 'other'] as Target[]).entries()) {
          const email = ACTORS[role].targets[target];
          const [method, path, body] = row.req(fixture, ids.get(email)!, email);
          const res = await clients.get(role)!.request(method, path, body, typeof body === 'string' ? 'text/csv' : 'application/json');
          const code = res.status === 403 ? ((await res.json()) as { error: { code: string } }).error.code : '';
          const verdict: Verdict = res.status !== 403 ? 'ok' : code === 'read_only' ? 'ro' : SELF_CODES.includes(code) ? 'self' : 'no';
          expect(res.status, `${role}/${target}: unauthenticated?`).not.toBe(401);
          expect(res.status, `${role}/${target}: server error`).toBeLessThan(500);
          if (res.status === 403 && code !== 'read_only' && !SELF_CODES.includes(code)) expect(code).toBe('forbidden');
          seen.push(`${role}/${target}: ${verdict}`);
          wanted.push(`${role}/${target}: ${verdicts[i]}`);
        }
      }
      expect(seen).toEqual(wanted);
    });
  }
});
