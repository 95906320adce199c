import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { loadSettings, settings, settingsError } from '../../store/settings';
import { JobBar } from '../JobBar';
import { OverridesPanel } from './OverridesPanel';
import { PilotPanel } from './PilotPanel';
import { PointsForm } from './PointsForm';
import { StandupForm } from './StandupForm';

/** Admin: the company's settings, stored in the database and applied to the next job run (no restart). */
export function SettingsPage() {
  useEffect(() => {
    void loadSettings();
  }, []);
  const value = settings.value;
  return (
    <div class="setup-page" data-testid="settings-page">
      <JobBar />
      <div class="page">
        <div class="page-head">
          <h2>{t('settings.title')}</h2>
        </div>
        {settingsError.value ? <p class="error" role="alert">{errorText(settingsError.value)}</p> : null}
        {!value ? (
          !settingsError.value && <p class="muted">{t('app.loading')}</p>
        ) : (
          <>
            <p class="muted" data-testid="settings-version">{t('settings.version', { version: value.version, at: new Date(value.updatedAt).toLocaleString() })}</p>
            <PilotPanel key={`pilot:${value.version}`} value={value} />
            <StandupForm key={`standup:${value.version}`} value={value.standup} />
            <OverridesPanel value={value} />
            <PointsForm key={`points:${value.version}`} value={value} />
          </>
        )}
      </div>
    </div>
  );
}
