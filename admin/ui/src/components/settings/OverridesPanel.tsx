import { useSignal } from '@preact/signals';
import { t } from '../../i18n';
import type { CompanySettings } from '../../store/settings';
import { OverrideForm } from './OverrideForm';
import { SaveBar } from './SaveBar';
import { useSave } from './useSave';

/** The departments with their own standup (Geekbot-style several standups), and adding one. */
export function OverridesPanel({ value }: { value: CompanySettings }) {
  const picked = useSignal('');
  const state = useSave('override-add');
  const taken = new Set(value.standupOverrides.map((o) => o.department));
  const free = value.departments.filter((d) => !taken.has(d));
  return (
    <section class="settings-section" data-testid="overrides-panel" aria-labelledby="overrides-title">
      <h3 id="overrides-title">{t('settings.override.title')}</h3>
      <p class="muted">{t('settings.override.hint')}</p>
      {value.standupOverrides.map((o, i) => (
        <OverrideForm key={`${value.version}:${o.department}`} index={i} value={o} />
      ))}
      <form
        class="card panel adjust-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (picked.value) void state.save({ standupOverrides: [...value.standupOverrides, { department: picked.value }] });
        }}
      >
        <label>
          <span>{t('settings.override.add')}</span>
          <select data-testid="override-department" value={picked.value} onChange={(e) => (picked.value = e.currentTarget.value)}>
            <option value="">{t('settings.override.pick')}</option>
            {free.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <SaveBar state={state} testId="override-add" shown={() => false} />
      </form>
    </section>
  );
}
