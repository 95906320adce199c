import { useEffect } from 'preact/hooks';
import { errorText } from '../../errors';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { openGoal } from '../../store/goalDetail';
import { personPage, type PersonPage as Page } from '../../store/peopleDirectory';
import { hrefOf, isManagerOrStaff, personHref, reviewHref } from '../../store/route';
import { talentPersonHref } from '../../store/talent';
import { PersonAdmin } from './PersonAdmin';

function Section({ title, testId, children }: { title: string; testId: string; children: preact.ComponentChildren }) {
  return (
    <section class="card panel" data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

const none = <p class="muted small">{'—'}</p>;

function Profile({ page }: { page: Page }) {
  const p = page.person;
  return (
    <Section title={t('people.section.profile')} testId="person-profile">
      <dl class="facts">
        <dt>{t('people.col.email')}</dt><dd>{p.email}</dd>
        <dt>{t('people.field.employeeNo')}</dt><dd>{p.employeeNo}</dd>
        <dt>{t('people.col.department')}</dt><dd>{p.department ?? '—'}</dd>
        <dt>{t('people.field.jobFunction')}</dt><dd>{p.jobFunction}</dd>
        <dt>{t('people.col.role')}</dt><dd>{t(`people.role.${p.role}`)}</dd>
        <dt>{t('people.field.timezone')}</dt><dd>{p.timezone} · {p.locale}</dd>
        <dt>{t('people.col.platform')}</dt><dd>{t(`people.platform.${p.platform}`)}</dd>
      </dl>
      <h4>{t('people.section.chain')}</h4>
      {page.managerChain.length === 0 ? none : (
        <ol class="plain-list" data-testid="person-chain">
          {page.managerChain.map((m) => <li key={m.id}><a href={personHref(m.id)}>{m.name}</a>{!m.active && <span class="badge badge-muted">{t('people.status.inactive')}</span>}</li>)}
        </ol>
      )}
      {page.reports.length > 0 && (
        <>
          <h4>{t('people.section.reports')}</h4>
          <ul class="plain-list" data-testid="person-reports">
            {page.reports.map((r) => <li key={r.id}><a href={personHref(r.id)}>{r.name}</a>{!r.active && <span class="badge badge-muted">{t('people.status.inactive')}</span>}</li>)}
          </ul>
        </>
      )}
      <h4>{t('people.section.identities')}</h4>
      {page.identities.length === 0 ? <p class="muted small">{t('people.identities.none')}</p> : (
        <ul class="plain-list" data-testid="person-identities">
          {page.identities.map((i) => <li key={i.platform}>{t(`people.platform.${i.platform}`)}: <code>{i.externalId}</code></li>)}
        </ul>
      )}
    </Section>
  );
}

function Log({ page }: { page: Page }) {
  return (
    <Section title={t('people.section.log')} testId="person-log">
      {page.log.length === 0 ? none : (
        <div class="log-weeks">
          {page.log.map((w) => (
            <div class="log-week" key={w.week} data-testid="person-log-week">
              <div class="log-week-head">
                <strong>{w.week}</strong>{' '}
                <span class={`badge ${w.completedAt ? (w.late ? 'badge-late' : 'badge-ok') : 'badge-muted'}`}>
                  {w.completedAt ? (w.late ? t('people.log.late') : t('people.log.onTime')) : t('people.log.missing')}
                </span>
              </div>
              {w.completedAt && (
                <dl class="log-answers">
                  {w.answers.map((a, i) => (
                    <div key={i}>
                      <dt class="muted small">{a.question}</dt>
                      <dd class="pre-wrap">{a.answer ?? (a.skipped ? t('people.log.skipped') : '—')}{a.edited && <span class="muted small"> {t('people.log.edited')}</span>}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </div>
          ))}
        </div>
      )}
    </Section>
  );
}

function Goals({ page }: { page: Page }) {
  return (
    <Section title={t('people.section.goals')} testId="person-goals">
      {page.goals.length === 0 ? none : (
        <ul class="plain-list">
          {page.goals.map((g) => (
            <li key={g.id} data-testid="person-goal">
              <a href={hrefOf('goals')} onClick={() => openGoal(g.id)}>{g.title}</a>{' '}
              {g.kind === 'development' && <span class="badge badge-auto">{t('me.goals.development')}</span>}{' '}
              <span class="muted small">{t('people.goal.progress', { progress: g.progress, expected: g.expected, onTime: g.checkIns.onTime, late: g.checkIns.late })}</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Points({ page }: { page: Page }) {
  const pts = page.points;
  return (
    <Section title={t('people.section.points')} testId="person-points">
      <p>{t('people.points.summary', { balance: pts.balance, month: pts.month, score: pts.monthScore })}</p>
      {pts.ledger.length > 0 && (
        <ul class="plain-list small">
          {pts.ledger.map((l, i) => <li key={i}><span class="muted">{formatDateTime(l.at)}</span> {l.amount > 0 ? `+${l.amount}` : l.amount} · {l.reason}</li>)}
        </ul>
      )}
    </Section>
  );
}

function LeaveAndReviews({ page, id }: { page: Page; id: number }) {
  return (
    <>
      <Section title={t('people.section.leave')} testId="person-leave">
        {page.leave.length === 0 ? none : (
          <ul class="plain-list">{page.leave.map((l) => <li key={l.id}>{l.startDate} – {l.endDate}{l.reason ? ` · ${l.reason}` : ''}</li>)}</ul>
        )}
      </Section>
      <Section title={t('people.section.reviews')} testId="person-reviews">
        {page.reviews.length === 0 ? none : (
          <ul class="plain-list">
            {page.reviews.map((r) => (
              <li key={r.id} data-testid="person-review">
                <a href={reviewHref(r.id)}>{r.cycle}</a> <span class="muted small">{r.periodStart} – {r.periodEnd}</span>{' '}
                {r.grade ? <span class="badge badge-ok">{r.grade}</span> : <span class="muted small">{t(`people.reviewStatus.${r.status}`)}</span>}
              </li>
            ))}
          </ul>
        )}
        <p><a href={hrefOf('file', String(id))} data-testid="person-file-link">{t('people.fileLink')}</a></p>
      </Section>
    </>
  );
}

/** One person: profile, manager chain, identities, leave, points, goals, progress log, reviews and their file (`#/file/:id`). */
export function PersonPage({ id }: { id: number }) {
  const res = personPage.of(id);
  useEffect(() => {
    void res.load();
  }, [id]);
  const page = res.data.value;
  if (res.error.value) return <p class="error" role="alert">{errorText(res.error.value)}</p>;
  if (!page) return <p class="muted">{t('app.loading')}</p>;
  return (
    <div class="person-page" data-testid="person-page" data-person={id} data-active={String(page.person.active)}>
      <div class="panel-head">
        <h3 data-testid="person-name">{page.person.name}</h3>
        {!page.person.active && <span class="badge badge-muted" data-testid="person-inactive">{t('people.status.inactive')}</span>}
        {isManagerOrStaff.value && (
          <a class="button small" href={talentPersonHref(id)} data-testid="person-talent-link">
            {t('talent.profile.link')}
          </a>
        )}
      </div>
      {page.canEdit && <PersonAdmin page={page} onChanged={() => void res.load()} />}
      <div class="person-grid">
        <Profile page={page} />
        <Points page={page} />
        <Goals page={page} />
        <LeaveAndReviews page={page} id={id} />
        <Log page={page} />
      </div>
    </div>
  );
}
