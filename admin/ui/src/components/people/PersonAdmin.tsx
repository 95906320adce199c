import { useSignal } from '@preact/signals';
import { fieldProblems } from '../../api';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { deactivate, directory, editPerson, loadDirectory, orgChart, type PersonPage } from '../../store/peopleDirectory';
import { FieldProblem, OtherProblems } from '../FieldProblem';
import { useSubmit } from '../../useSubmit';

const FIELDS = ['name', 'employeeNo', 'department', 'managerEmail', 'jobFunction', 'timezone', 'locale', 'role', 'slackUserId', 'wecomUserid'] as const;
type Field = (typeof FIELDS)[number];

function initial(page: PersonPage): Record<Field, string> {
  const p = page.person;
  const id = (platform: string) => page.identities.find((i) => i.platform === platform)?.externalId ?? '';
  return {
    name: p.name, employeeNo: p.employeeNo, department: p.department ?? '', managerEmail: page.managerChain[0]?.email ?? '', jobFunction: p.jobFunction,
    timezone: p.timezone, locale: p.locale, role: p.role, slackUserId: id('slack'), wecomUserid: id('wecom'),
  };
}

/** Refreshes what else shows this person after a change. */
function refreshLists(): void {
  if (directory.value) void loadDirectory();
  if (orgChart.data.value) void orgChart.load();
}

/** HR and admins: edit a person's record (only what changed is sent, with a reason for the audit), deactivate or reactivate. */
export function PersonAdmin({ page, onChanged }: { page: PersonPage; onChanged: () => void }) {
  const open = useSignal<'none' | 'edit' | 'deactivate'>('none');
  const values = useSignal(initial(page));
  const reason = useSignal('');
  const { busy, error, submit } = useSubmit();
  const done = useSignal('');

  async function run(action: () => Promise<unknown>, message: string) {
    done.value = '';
    await submit(async () => {
      await action();
      done.value = message;
      open.value = 'none';
      reason.value = '';
      onChanged();
      refreshLists();
    });
  }

  function save(e: Event) {
    e.preventDefault();
    const before = initial(page);
    const body: Record<string, unknown> = {};
    for (const f of FIELDS) {
      const v = values.value[f].trim();
      if (v === before[f]) continue;
      body[f] = v === '' && ['managerEmail', 'slackUserId', 'wecomUserid'].includes(f) ? null : v;
    }
    if (reason.value.trim()) body.reason = reason.value.trim();
    void run(() => editPerson(page.person.id, body), t('people.edit.saved'));
  }

  const problems = fieldProblems(error.value);
  const input = (f: Field) => (
    <label key={f}>
      <span>{t(`people.field.${f}`)}</span>
      <input data-testid={`person-edit-${f}`} value={values.value[f]} onInput={(e) => (values.value = { ...values.value, [f]: e.currentTarget.value })} />
      <FieldProblem field={f} problems={problems} />
    </label>
  );
  return (
    <section class="card panel person-admin" data-testid="person-admin">
      <div class="form-actions">
        <button type="button" data-testid="person-edit" onClick={() => { values.value = initial(page); open.value = open.value === 'edit' ? 'none' : 'edit'; }}>{t('people.edit.open')}</button>
        {page.person.active ? (
          <button type="button" class="danger" data-testid="person-deactivate" onClick={() => (open.value = open.value === 'deactivate' ? 'none' : 'deactivate')}>{t('people.deactivate.open')}</button>
        ) : (
          <button type="button" data-testid="person-reactivate" disabled={busy.value} onClick={() => void run(() => editPerson(page.person.id, { active: true }), t('people.reactivate.done'))}>{t('people.reactivate.open')}</button>
        )}
      </div>
      {open.value === 'edit' && (
        <form class="stack person-edit-form" data-testid="person-edit-form" onSubmit={save}>
          <div class="form-row">{FIELDS.map(input)}</div>
          <label>
            <span>{t('people.edit.reason')}</span>
            <input data-testid="person-edit-reason" value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} />
          </label>
          <OtherProblems fields={FIELDS} problems={problems} />
          <div class="form-actions"><button class="primary" type="submit" data-testid="person-edit-save" disabled={busy.value}>{t('people.edit.save')}</button></div>
        </form>
      )}
      {open.value === 'deactivate' && (
        <form class="stack" data-testid="person-deactivate-form" onSubmit={(e) => { e.preventDefault(); void run(() => deactivate(page.person.id, reason.value), t('people.deactivate.done')); }}>
          <p class="muted small">{t('people.deactivate.explain')}</p>
          <label>
            <span>{t('people.deactivate.reason')}</span>
            <input required data-testid="person-deactivate-reason" value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} />
          </label>
          <div class="form-actions"><button class="primary danger" type="submit" data-testid="person-deactivate-confirm" disabled={busy.value || !reason.value.trim()}>{t('people.deactivate.confirm')}</button></div>
        </form>
      )}
      {error.value && problems.length === 0 ? <p class="error" role="alert" data-testid="person-admin-error">{errorText(error.value)}</p> : null}
      {done.value && <p class="notice notice-ok" role="status" data-testid="person-admin-done">{done.value}</p>}
    </section>
  );
}
