import { errorText } from '../errors';
import { t } from '../i18n';
import { selectedPerson, selectPerson } from '../store/chat';
import { people, peopleError, peopleLoading, peopleQuery, setPeopleQuery } from '../store/people';
import type { Person } from '../types';

/**
 * Search the people you may see and pick one: by default the chat simulator's conversation; `selected`/`onSelect`
 * pick for another page (the template preview).
 */
export function PersonPicker({ selected, onSelect }: { selected?: string | null; onSelect?: (p: Person) => void } = {}) {
  const selectedEmail = onSelect ? selected : selectedPerson.value?.email;
  const list = people.value;
  return (
    <aside class="person-picker">
      <input
        type="search"
        class="person-search"
        data-testid="person-search"
        placeholder={t('people.search')}
        aria-label={t('people.search')}
        value={peopleQuery.value}
        onInput={(e) => setPeopleQuery(e.currentTarget.value)}
      />
      {peopleError.value ? <p class="error">{errorText(peopleError.value)}</p> : null}
      {!peopleLoading.value && !peopleError.value && list.length === 0 && (
        <p class="muted empty">{t('people.empty')}</p>
      )}
      <ul class="person-list">
        {list.map((p) => (
          <li key={p.email}>
            <button
              type="button"
              class={p.email === selectedEmail ? 'person-item selected' : 'person-item'}
              data-testid="person-item"
              data-email={p.email}
              aria-pressed={p.email === selectedEmail}
              onClick={() => (onSelect ? onSelect(p) : selectPerson(p))}
            >
              <span class="person-name">
                {p.name}
                {p.platform && p.platform !== 'local' && (
                  <span class="badge badge-muted person-platform" data-testid="person-platform">
                    {t(`platform.${p.platform}`)}
                  </span>
                )}
              </span>
              <span class="person-meta">
                {p.department ? t('people.meta', { department: p.department, email: p.email }) : p.email}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
