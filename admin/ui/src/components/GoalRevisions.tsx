import { formatDate, formatDateTime, formatNumber } from '../format';
import { hasKey, t } from '../i18n';
import { goalIndex, ownerNames } from '../store/goals';
import { currentUser } from '../store/session';
import type { GoalRevision } from '../types';

const DATE_FIELDS = new Set(['periodStart', 'periodEnd']);

/** A revised field's value as a reader wants it: names for people and parent goals, dates, numbers. */
function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'ownerId' && typeof value === 'number') return ownerNames.value.get(value) ?? t('goals.personId', { id: value });
  if (field === 'parentId' && typeof value === 'number') return goalIndex.value.get(value)?.title ?? `#${value}`;
  if (field === 'departmentId') return `#${String(value)}`;
  if (field === 'level' && hasKey(`goals.level.${String(value)}`)) return t(`goals.level.${String(value)}`);
  if (DATE_FIELDS.has(field) && typeof value === 'string') return formatDate(value) || value;
  if (typeof value === 'number') return formatNumber(value);
  return String(value);
}

/** `account:7` → the signed-in user's own name, or "account #7". */
function actorText(actor: string): string {
  const m = /^account:(\d+)$/.exec(actor);
  if (!m) return actor;
  const me = currentUser.value;
  return me && String(me.id) === m[1] ? me.name || me.email : t('goals.account', { id: m[1] });
}

/** Server reasons that are codes ('import', 'created') are named; people's reasons are shown as written. */
const reasonText = (reason: string) => (hasKey(`goals.reason.${reason}`) ? t(`goals.reason.${reason}`) : reason);

/** The goal's revision history, newest first: who, when, why, and each field's before → after. */
export function GoalRevisions({ revisions }: { revisions: GoalRevision[] }) {
  return (
    <section class="goal-section" aria-label={t('goals.revisions')}>
      <h4>{t('goals.revisions')}</h4>
      {revisions.length === 0 ? (
        <p class="muted small">{t('goals.noRevisions')}</p>
      ) : (
        <ol class="history-list" data-testid="goal-revisions">
          {revisions.map((r, i) => {
            const entries = Object.entries(r.changes ?? {});
            // A goal's first revision has every field from null (a title never is); a later change may start from null too (a new parent, a metric).
            const created = entries.some(([field, [before]]) => field === 'title' && before === null);
            return (
              <li key={r.id ?? i} class="history-item" data-testid="goal-revision" data-created={String(created)}>
                <div class="history-head">
                  <strong>{created ? t('goals.revision.created') : t('goals.revision.changed')}</strong>
                  <span class="cell-sub">{t('goals.byAt', { name: actorText(r.actor), time: formatDateTime(r.at) })}</span>
                </div>
                {r.reason && (
                  <div class="history-note" data-testid="goal-revision-reason">
                    {t('goals.revision.reason', { reason: reasonText(r.reason) })}
                  </div>
                )}
                {!created && entries.length > 0 && (
                  <ul class="change-list">
                    {entries.map(([field, [before, after]]) => (
                      <li key={field} data-testid="goal-change" data-field={field}>
                        <span class="change-field">{hasKey(`goals.field.${field}`) ? t(`goals.field.${field}`) : field}</span>{' '}
                        <span class="change-before">{valueText(field, before)}</span> → <span class="change-after">{valueText(field, after)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
