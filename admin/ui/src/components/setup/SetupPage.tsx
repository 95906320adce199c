import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { t } from '../../i18n';
import { setupStatus } from '../../store/setupStatus';
import { JobBar } from '../JobBar';
import { PeopleImportPanel } from './PeopleImportPanel';
import { SetupStatusPanel } from './SetupStatusPanel';

/** Admin: what is set up, the people import, and the jobs to run now. */
export function SetupPage() {
  useEffect(() => {
    void setupStatus.load();
  }, []);

  const status = setupStatus.data.value;
  return (
    <div class="setup-page" data-testid="setup-page">
      <JobBar />
      <div class="page">
        <div class="page-head">
          <h2>{t('setup.title')}</h2>
        </div>
        {setupStatus.error.value ? <p class="error" role="alert">{errorText(setupStatus.error.value)}</p> : null}
        {status ? <SetupStatusPanel status={status} /> : !setupStatus.error.value && <p class="muted">{t('app.loading')}</p>}
        <PeopleImportPanel />
      </div>
    </div>
  );
}
