import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { applyAuditFilters, auditFilters, type AuditFilters } from '../../store/audit';

const ENTITIES = ['review', 'review_template', 'review_cycle', 'rating_scale', 'metric_value', 'metric_definition', 'person', 'reward', 'redemption', 'goal', 'holiday', 'escalation_rule'];

/** Entity, entity id, a person's e-mail, who did it (an e-mail or `system`) and a date range; applied on submit. */
export function AuditFilterForm() {
  const [draft, setDraft] = useState<AuditFilters>(auditFilters.value);
  const field = (key: keyof AuditFilters) => ({
    value: draft[key],
    onInput: (e: Event) => setDraft({ ...draft, [key]: (e.currentTarget as HTMLInputElement).value }),
  });
  return (
    <form
      class="filters audit-filters"
      role="search"
      data-testid="audit-filters"
      onSubmit={(e) => {
        e.preventDefault();
        applyAuditFilters(draft);
      }}
    >
      <label>
        <span>{t('audit.entity')}</span>
        <select data-testid="audit-entity" {...field('entity')}>
          <option value="">{t('audit.anyEntity')}</option>
          {ENTITIES.map((e) => (
            <option key={e} value={e}>
              {t(`audit.entityName.${e}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('audit.id')}</span>
        <input type="text" data-testid="audit-id" size={8} {...field('id')} />
      </label>
      <label>
        <span>{t('audit.person')}</span>
        <input type="email" data-testid="audit-person" placeholder={t('audit.personPlaceholder')} {...field('person')} />
      </label>
      <label>
        <span>{t('audit.actor')}</span>
        <input type="text" data-testid="audit-actor" placeholder={t('audit.actorPlaceholder')} {...field('actor')} />
      </label>
      <label>
        <span>{t('audit.from')}</span>
        <input type="date" data-testid="audit-from" {...field('from')} />
      </label>
      <label>
        <span>{t('audit.to')}</span>
        <input type="date" data-testid="audit-to" {...field('to')} />
      </label>
      <button type="submit" class="primary" data-testid="audit-apply">
        {t('audit.apply')}
      </button>
    </form>
  );
}
