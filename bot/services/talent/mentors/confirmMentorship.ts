import { and, eq } from 'drizzle-orm';
import { inTransaction } from '../../../../db/client';
import { departments, mentorships, people } from '../../../../db/schema';
import { AppError } from '../../../errors';
import { asLocale, t } from '../../../i18n';
import { enqueue, type OutboxItem } from '../../../outbox/enqueue';
import { appendAudit } from '../../audit';
import type { ServiceDeps } from '../../context';
import { mentorProposals, type ProfilesOf } from './mentorProposals';

export interface ConfirmInput {
  menteeId: number;
  mentorId: number;
  /** The mentorship's goals, as HR writes them. */
  goals: string;
  actor: string;
}

/**
 * HR confirms a proposed mentor: the pairing (with the proposal's score and reasons), its audit entry
 * (`mentorship.confirm`) and one introduction to each of the two — naming the other and the goals — in one
 * transaction; the messages' dedupe keys are per pairing and person, so a retry or a second confirmation of the same
 * pair sends nothing again (and answers `created: false`). A mentor the match rules out → 409 mentor_excluded with the
 * reasons; someone not proposed at all → 409 mentor_not_proposed; a mentee with another mentor → 409 mentee_has_mentor.
 */
export function confirmMentorship(deps: ServiceDeps, input: ConfirmInput, profilesOf: ProfilesOf) {
  const now = deps.now();
  return inTransaction(deps.db, () => {
    const existing = deps.db.select().from(mentorships).where(and(eq(mentorships.menteeId, input.menteeId), eq(mentorships.status, 'active'))).get();
    if (existing && existing.mentorId !== input.mentorId) throw new AppError('mentee_has_mentor', 'This person has a mentor already; end that mentorship first.', { status: 409 });
    if (existing) {
      enqueue(deps, introductions(deps, existing));
      return { id: existing.id, created: false };
    }
    const match = mentorProposals(deps, input.menteeId, profilesOf);
    const proposal = match.proposals.find((p) => p.personId === input.mentorId);
    if (!proposal) {
      const excluded = match.excluded.find((p) => p.personId === input.mentorId);
      if (excluded) throw new AppError('mentor_excluded', 'This mentor cannot be proposed for this person.', { status: 409, details: excluded.excluded });
      throw new AppError('mentor_not_proposed', 'This person is not among the proposed mentors.', { status: 409 });
    }
    const row = deps.db
      .insert(mentorships)
      .values({ mentorId: input.mentorId, menteeId: input.menteeId, goals: input.goals, proposal: { score: proposal.score, reasons: proposal.reasons }, confirmedBy: input.actor, confirmedAt: now.toISOString() })
      .returning()
      .get();
    appendAudit(deps.db, { actor: input.actor, action: 'mentorship.confirm', entity: 'mentorship', entityId: row.id, after: { mentorId: row.mentorId, menteeId: row.menteeId, personId: row.menteeId, goals: row.goals, score: proposal.score } }, now);
    enqueue(deps, introductions(deps, row));
    return { id: row.id, created: true };
  });
}

/** One message to each: the mentee hears who mentors them, the mentor whom they mentor; both read the goals. */
function introductions(deps: ServiceDeps, m: typeof mentorships.$inferSelect): OutboxItem[] {
  const who = (id: number) =>
    deps.db.select({ id: people.id, name: people.name, email: people.email, locale: people.locale, department: departments.path }).from(people).leftJoin(departments, eq(departments.id, people.departmentId)).where(eq(people.id, id)).get()!;
  const mentor = who(m.mentorId);
  const mentee = who(m.menteeId);
  const message = (to: typeof mentor, other: typeof mentor, key: string): OutboxItem => {
    const locale = asLocale(to.locale, deps.settings.defaultLocale);
    return {
      dedupeKey: `mentorship-intro:${m.id}:${to.id}`,
      target: { kind: 'person', personId: to.id },
      message: { text: t(locale, key, { name: other.name, email: other.email, department: other.department ?? '—', goals: m.goals }) },
    };
  };
  return [message(mentee, mentor, 'mentoring.intro.mentee'), message(mentor, mentee, 'mentoring.intro.mentor')];
}
