import type { SetupStatus } from '../../apiShapes';
import { t } from '../../i18n';

const onOff = (on: boolean, what: string) => (
  <span class={`badge ${on ? 'badge-ok' : 'badge-muted'}`} data-testid="setup-flag" data-key={what} data-on={on ? 'yes' : 'no'}>
    {t(`setup.${what}`)} · {on ? t('setup.on') : t('setup.off')}
  </span>
);

/** What is set up: people and departments, the ways in, the chat platforms, the public address. */
export function SetupStatusPanel({ status }: { status: SetupStatus }) {
  return (
    <section class="card panel" data-testid="setup-status" aria-labelledby="setup-status-title">
      <h3 id="setup-status-title">{t('setup.statusTitle')}</h3>
      <dl class="stat-row">
        <div class="stat" data-testid="setup-people">
          <dt>{t('setup.people')}</dt>
          <dd>{status.people}</dd>
        </div>
        <div class="stat" data-testid="setup-departments">
          <dt>{t('setup.departments')}</dt>
          <dd>{status.departments}</dd>
        </div>
      </dl>
      <dl class="facts setup-facts">
        <div>
          <dt>{t('setup.signIn')}</dt>
          <dd class="badge-line">
            {onOff(status.signIn.password, 'password')}
            {onOff(status.signIn.chatLink, 'chatLink')}
            {onOff(status.signIn.slack, 'slack')}
            {onOff(status.signIn.wecom, 'wecom')}
          </dd>
        </div>
        <div>
          <dt>{t('setup.platforms')}</dt>
          <dd class="badge-line">
            {onOff(status.platforms.local, 'local')}
            {onOff(status.platforms.slack, 'slack')}
            {onOff(status.platforms.wecom, 'wecom')}
          </dd>
        </div>
        <div>
          <dt>{t('setup.publicUrl')}</dt>
          <dd data-testid="setup-public-url">{status.publicUrl || <span class="muted">{t('setup.noPublicUrl')}</span>}</dd>
        </div>
      </dl>
    </section>
  );
}
