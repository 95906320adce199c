import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { fieldProblems } from '../../../api';
import { errorText } from '../../../errors';
import { t } from '../../../i18n';
import { assignPath, pathTemplates } from '../../../store/development';
import { loadPeople } from '../../../store/people';
import type { Person } from '../../../types';
import { FieldProblem } from '../../FieldProblem';
import { PersonPicker } from '../../PersonPicker';
import { useSubmit } from '../../../useSubmit';

/** Assign a path: pick the person, the path and the start (today by default); they are told in chat. */
export function AssignForm() {
  const person = useSignal<Person | null>(null);
  const pathId = useSignal('');
  const start = useSignal('');
  const note = useSignal('');
  const { busy, error, submit } = useSubmit();
  const done = useSignal<string | null>(null);
  useEffect(() => {
    void loadPeople();
  }, []);
  const paths = (pathTemplates.data.value ?? []).filter((p) => !p.archived);

  async function onSubmit(e: Event) {
    e.preventDefault();
    const chosen = person.value;
    if (!chosen || !pathId.value) return;
    done.value = null;
    await submit(async () => {
      await assignPath({ pathId: Number(pathId.value), personId: Number(chosen.id), ...(start.value ? { startDate: start.value } : {}), ...(note.value.trim() ? { note: note.value.trim() } : {}) });
      done.value = t('talent.paths.assigned', { name: chosen.name, path: paths.find((p) => String(p.id) === pathId.value)?.name ?? '' });
    });
  }
  const problems = fieldProblems(error.value);
  return (
    <form class="card panel stack" data-testid="assign-form" onSubmit={onSubmit}>
      <h3>{t('talent.paths.assign')}</h3>
      <div class="template-preview">
        <PersonPicker selected={person.value?.email ?? null} onSelect={(p) => (person.value = p)} />
      </div>
      <p class="small" data-testid="assign-person">{person.value ? t('talent.paths.for', { name: person.value.name }) : t('talent.paths.pickPerson')}</p>
      <div class="form-row">
        <label>
          <span>{t('talent.paths.path')}</span>
          <select data-testid="assign-path" value={pathId.value} onChange={(e) => (pathId.value = e.currentTarget.value)}>
            <option value="">{t('talent.paths.choose')}</option>
            {paths.map((p) => <option key={p.id} value={String(p.id)}>{p.name}</option>)}
          </select>
        </label>
        <label>
          <span>{t('talent.paths.start')}</span>
          <input type="date" data-testid="assign-start" value={start.value} onInput={(e) => (start.value = e.currentTarget.value)} />
          <FieldProblem field="startDate" problems={problems} />
        </label>
        <label>
          <span>{t('talent.paths.note')}</span>
          <input value={note.value} onInput={(e) => (note.value = e.currentTarget.value)} />
        </label>
      </div>
      {error.value && problems.length === 0 ? <p class="error" role="alert">{errorText(error.value)}</p> : null}
      {done.value ? <p class="success" role="status" data-testid="assign-done">{done.value}</p> : null}
      <div class="row-actions">
        <button type="submit" class="primary" data-testid="assign-submit" disabled={busy.value || !person.value || !pathId.value}>{t('talent.paths.assignButton')}</button>
      </div>
    </form>
  );
}
