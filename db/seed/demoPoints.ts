/**
 * The demo company's recognition: a reward catalogue, a few manual awards by HR, redemptions (approved, one rejected
 * and refunded, some waiting for HR), and the monthly leaderboard of every month whose announcement time has passed,
 * frozen as it would have been announced. Standup and check-in points come with their deeds (demoStandups, demoGoals).
 */
import { addLocalDays, localDate, zonedInstant } from '../../bot/domain/localTime';
import { appendAudit } from '../../bot/services/audit';
import type { ServiceDeps } from '../../bot/services/context';
import { leaderboardDueAt } from '../../bot/services/points/announceLeaderboard';
import { monthLeaderboard, topCut } from '../../bot/services/points/leaderboard';
import { randFor } from './demoRandom';
import type { DemoPerson } from './demoTimeline';

const ACTOR = 'system:demo';
const REWARDS = [
  { zh: '星巴克咖啡券', en: 'Coffee voucher', cost: 5, kind: 'gift', hours: null, stock: null },
  { zh: '电影票两张', en: 'Two cinema tickets', cost: 8, kind: 'gift', hours: null, stock: 50 },
  { zh: '定制卫衣', en: 'Company hoodie', cost: 12, kind: 'gift', hours: null, stock: 20 },
  { zh: '半天调休', en: 'Half a day off', cost: 15, kind: 'time_off', hours: 4, stock: null },
] as const;
const AWARDS = [
  ['带新人上手，新人两周独立交付', 'Mentored a new joiner to shipping alone in two weeks'],
  ['周末支援客户紧急上线', 'Weekend support for a customer’s urgent go-live'],
  ['整理的排障手册被全组采用', 'Wrote the troubleshooting guide the whole team now uses'],
] as const;

export function seedDemoPoints(deps: ServiceDeps, people: DemoPerson[], start: string): { rewards: number; redemptions: number; snapshots: number } {
  const c = deps.db.$client;
  const now = deps.now();
  const tz = deps.settings.defaultTimezone;
  const startAt = zonedInstant(start, '09:00', tz);
  let rewardIds = c.prepare<[], { id: number; cost: number; stock: number | null }>('select id, cost, stock from rewards where active = 1 order by id').all();
  if (rewardIds.length === 0) {
    const insert = c.prepare('insert into rewards (name_zh, name_en, cost, kind, hours, stock, active, created_at) values (?, ?, ?, ?, ?, ?, 1, ?)');
    for (const r of REWARDS) insert.run(r.zh, r.en, r.cost, r.kind, r.hours, r.stock, startAt.toISOString());
    rewardIds = c.prepare<[], { id: number; cost: number; stock: number | null }>('select id, cost, stock from rewards where active = 1 order by id').all();
  }
  const ledger = c.prepare('insert into points_ledger (person_id, amount, kind, reason, source_key, actor, score_month, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)');
  const hr = people.find((p) => p.role === 'hr' && p.managerId !== null) ?? people.find((p) => p.role === 'hr');

  // HR's manual awards, audited as adjustments are.
  const awarded = people.filter((p) => randFor('award', p.email).chance(0.05));
  awarded.forEach((p, i) => {
    const at = zonedInstant(addLocalDays(start, 10 + i * 5), '16:00', tz);
    if (at >= now || p.id === hr?.id) return;
    const [zh, en] = AWARDS[i % AWARDS.length];
    const reason = p.locale === 'en' ? en : zh;
    ledger.run(p.id, 5, 'adjustment', reason, `demo:adjustment:${p.id}`, ACTOR, localDate(at, p.timezone).slice(0, 7), at.toISOString());
    appendAudit(deps.db, { actor: ACTOR, action: 'points.adjust', entity: 'person', entityId: p.id, after: { amount: 5, sourceKey: `demo:adjustment:${p.id}` }, reason }, at);
  });

  // Redemptions by those with points to spend: the older ones decided, the last few waiting for HR.
  const balances = c.prepare<[], { personId: number; balance: number }>('select person_id as personId, sum(amount) as balance from points_ledger group by person_id having sum(amount) >= 5 order by person_id').all();
  const spenders = balances.filter((b) => randFor('redeem', b.personId).chance(0.12));
  const insertRedemption = c.prepare('insert into redemptions (person_id, reward_id, cost, status, requested_at, decided_at, decided_by, decision_note) values (?, ?, ?, ?, ?, ?, ?, ?)');
  const byId = new Map(people.map((p) => [p.id, p]));
  let redemptions = 0;
  spenders.forEach((s, i) => {
    const person = byId.get(s.personId);
    const affordable = rewardIds.filter((r) => r.cost <= s.balance);
    if (!person || affordable.length === 0) return;
    const reward = randFor('reward', s.personId).pick(affordable);
    const requested = new Date(now.getTime() - (spenders.length - i) * 7 * 3600_000);
    const pending = i >= spenders.length - 3;
    const rejected = !pending && i === 1;
    const decided = pending ? null : new Date(requested.getTime() + 20 * 3600_000);
    const note = rejected ? (person.locale === 'en' ? 'Out of stock this month, points refunded' : '本月库存不足，积分已退回') : null;
    const id = Number(insertRedemption.run(s.personId, reward.id, reward.cost, pending ? 'pending' : rejected ? 'rejected' : 'approved', requested.toISOString(), decided?.toISOString() ?? null, decided ? ACTOR : null, note).lastInsertRowid);
    ledger.run(s.personId, -reward.cost, 'redemption', 'redemption', `redemption:${id}`, ACTOR, null, requested.toISOString());
    if (reward.stock !== null) c.prepare('update rewards set stock = stock - 1 where id = ?').run(reward.id);
    if (decided) {
      if (rejected) {
        ledger.run(s.personId, reward.cost, 'refund', note, `refund:${id}`, ACTOR, null, decided.toISOString());
        if (reward.stock !== null) c.prepare('update rewards set stock = stock + 1 where id = ?').run(reward.id);
      }
      appendAudit(deps.db, { actor: ACTOR, action: `redemption.${rejected ? 'rejected' : 'approved'}`, entity: 'redemption', entityId: id, after: { status: rejected ? 'rejected' : 'approved' }, reason: note ?? undefined }, decided);
    }
    redemptions++;
  });

  // Every month of the history whose announcement is due, frozen as announced (no messages: that was back then).
  let snapshots = 0;
  const population = people.length;
  for (let month = localDate(startAt, tz).slice(0, 7); month <= localDate(now, tz).slice(0, 7); month = addLocalDays(`${month}-28`, 7).slice(0, 7)) {
    const due = leaderboardDueAt(deps, month);
    if (due > now) continue;
    const rows = monthLeaderboard(deps.db, month);
    const { cutoff, top } = topCut(rows, population, deps.settings.leaderboard.topPercent);
    const topIds = new Set(top.map((r) => r.personId));
    const taken = c
      .prepare(`insert into leaderboard_snapshots (month, taken_at, population, cutoff_score, phase, cursor, ranked) values (?, ?, ?, ?, 'done', ?, ?) on conflict (month) do nothing`)
      .run(month, due.toISOString(), population, cutoff, rows.length, rows.length);
    const entry = c.prepare('insert into leaderboard_snapshot_entries (snapshot_id, person_id, name, department, score, pos, rank, top) values (?, ?, ?, ?, ?, ?, ?, ?)');
    if (taken.changes > 0) rows.forEach((r, i) => entry.run(taken.lastInsertRowid, r.personId, r.name, r.department, r.score, i + 1, r.rank, topIds.has(r.personId) ? 1 : 0));
    snapshots++;
  }
  return { rewards: rewardIds.length, redemptions, snapshots };
}
