import { useSignal } from '@preact/signals';
import { fieldProblems } from '../../api';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { connectors, saveConnector, type ConnectorSave, type ConnectorView } from '../../store/integrations';
import { useSubmit } from '../../useSubmit';

/** "externalId,email" per line ↔ the user-id map. */
const mapText = (c: ConnectorView) => c.userMap.map((e) => `${e.externalId},${e.email ?? ''}`).join('\n');
function parseMap(text: string): { externalId: string; email: string }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const at = l.lastIndexOf(',');
      return { externalId: l.slice(0, at).trim(), email: l.slice(at + 1).trim() };
    });
}

/**
 * An admin's settings form for one connector: on/off, schedule, its settings (JSON, the connector checks them),
 * secrets write-only (a blank field keeps the stored one; the page only says whether one is set), the user-id map.
 */
export function ConnectorForm({ connector: c }: { connector: ConnectorView }) {
  const enabled = useSignal(c.enabled);
  const schedule = useSignal(c.schedule);
  const settings = useSignal(JSON.stringify(c.settings, null, 2));
  const secrets = useSignal<Record<string, string>>({});
  const cleared = useSignal<Record<string, boolean>>({});
  const userMap = useSignal(mapText(c));
  const { busy, error, submit } = useSubmit();
  const saved = useSignal(false);

  async function onSubmit(e: Event) {
    e.preventDefault();
    error.value = null;
    saved.value = false;
    const body: ConnectorSave = { enabled: enabled.value, schedule: schedule.value.trim(), userMap: parseMap(userMap.value) };
    try {
      body.settings = JSON.parse(settings.value) as Record<string, unknown>;
    } catch {
      error.value = new Error(t('integrations.settingsJson'));
      return;
    }
    const changed: Record<string, string | null> = {};
    for (const k of Object.keys(c.secrets)) {
      if (cleared.value[k]) changed[k] = null;
      else if (secrets.value[k]?.trim()) changed[k] = secrets.value[k].trim();
    }
    if (Object.keys(changed).length) body.secrets = changed;
    await submit(async () => {
      await saveConnector(c.key, body);
      secrets.value = {};
      cleared.value = {};
      saved.value = true;
      await connectors.load();
    });
  }

  const problems = fieldProblems(error.value);
  return (
    <form class="integration-form" data-testid={`integration-form-${c.key}`} onSubmit={onSubmit}>
      <label class="check">
        <input type="checkbox" checked={enabled.value} onChange={(e) => (enabled.value = e.currentTarget.checked)} data-testid="integration-enabled" />
        <span>{t('integrations.enabled')}</span>
      </label>
      <label>
        <span>{t('integrations.schedule', { fallback: c.defaultSchedule || '—' })}</span>
        <input value={schedule.value} onInput={(e) => (schedule.value = e.currentTarget.value)} placeholder="0 2 * * *" data-testid="integration-schedule" />
      </label>
      <label>
        <span>{t('integrations.settings')}</span>
        <textarea rows={8} spellcheck={false} value={settings.value} onInput={(e) => (settings.value = e.currentTarget.value)} data-testid="integration-settings" />
      </label>
      {Object.entries(c.secrets).map(([k, set]) => (
        <div class="secret-row" key={k}>
          <label>
            <span>
              {k} · {set ? t('integrations.secretSet') : t('integrations.secretNotSet')}
            </span>
            <input
              type="password"
              autocomplete="new-password"
              value={secrets.value[k] ?? ''}
              placeholder={set ? t('integrations.secretKeep') : ''}
              onInput={(e) => (secrets.value = { ...secrets.value, [k]: e.currentTarget.value })}
              data-testid={`integration-secret-${k}`}
            />
          </label>
          {set && (
            <label class="check">
              <input type="checkbox" checked={!!cleared.value[k]} onChange={(e) => (cleared.value = { ...cleared.value, [k]: e.currentTarget.checked })} />
              <span>{t('integrations.secretClear')}</span>
            </label>
          )}
        </div>
      ))}
      <label>
        <span>{t('integrations.userMap')}</span>
        <textarea rows={3} spellcheck={false} value={userMap.value} onInput={(e) => (userMap.value = e.currentTarget.value)} placeholder="5b10ac8d82e05b22cc7d4ef5,li.lei@example.com" data-testid="integration-usermap" />
      </label>
      {error.value ? (
        <div class="notice notice-error" role="alert" data-testid="integration-form-error">
          <p>{errorText(error.value)}</p>
          {problems.length > 0 && (
            <ul>
              {problems.map((p) => (
                <li key={p.field}>
                  <code>{p.field}</code> {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      {saved.value && (
        <p class="notice notice-ok" role="status" data-testid="integration-saved">
          {t('integrations.saved')}
        </p>
      )}
      <div class="form-actions">
        <button class="primary" type="submit" disabled={busy.value} data-testid="integration-save">
          {t('integrations.save')}
        </button>
      </div>
    </form>
  );
}
