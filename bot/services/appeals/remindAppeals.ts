import { asLocale, t } from '../../i18n';
import { enqueue, type OutboxItem } from '../../outbox/enqueue';
import type { ServiceDeps } from '../context';
import { hrRecipients } from './hrRecipients';

const DAY_MS = 86_400_000;

/**
 * The ladder for HR's appeal queue, run by the `review-open` pass inside its transaction: every HR member is
 * reminded once when an open appeal's deadline is a day away, and once more when it has passed. Columns mark each
 * step and every message has a dedupe key, so a rerun or a restart repeats nothing.
 */
export function remindAppeals(deps: ServiceDeps): { dueSoon: number; overdue: number } {
  const c = deps.db.$client;
  const now = deps.now();
  const soon = new Date(now.getTime() + DAY_MS).toISOString();
  const at = now.toISOString();
  const steps = [
    { column: 'hr_reminded_at', key: 'appeal-due', text: 'appeal.hr.dueSoon', where: `a.due_at <= ? and a.due_at > ? and a.hr_reminded_at is null`, bounds: [soon, at] },
    { column: 'hr_overdue_at', key: 'appeal-overdue', text: 'appeal.hr.overdue', where: `a.due_at <= ? and ? != '' and a.hr_overdue_at is null`, bounds: [at, at] },
  ] as const;
  const hr = hrRecipients(deps.db);
  const counts = [0, 0];
  for (const [i, step] of steps.entries()) {
    const due = c
      .prepare<[string, string], { id: number; name: string; cycle: string; dueAt: string }>(
        `select a.id, p.name, cy.name as cycle, a.due_at as dueAt from review_appeals a join people p on p.id = a.person_id
         join review_cycles cy on cy.id = a.cycle_id where a.status = 'open' and ${step.where} order by a.due_at`,
      )
      .all(...step.bounds);
    if (due.length === 0) continue;
    const items: OutboxItem[] = [];
    for (const appeal of due) {
      for (const h of hr) {
        const locale = asLocale(h.locale, deps.settings.defaultLocale);
        items.push({ dedupeKey: `${step.key}:${appeal.id}:${h.id}`, target: { kind: 'person', personId: h.id }, message: { text: t(locale, step.text, { name: appeal.name, cycle: appeal.cycle, url: `${deps.settings.publicUrl}/#/appeals` }) } });
      }
    }
    enqueue(deps, items);
    const mark = c.prepare<[string, number], unknown>(`update review_appeals set ${step.column} = ? where id = ?`);
    for (const appeal of due) mark.run(at, appeal.id);
    counts[i] = due.length;
  }
  return { dueSoon: counts[0], overdue: counts[1] };
}
