import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { inTransaction } from '../../../db/client';
import { loginLinks, people } from '../../../db/schema';
import { asLocale, t, type Locale } from '../../i18n';
import { enqueue } from '../../outbox/enqueue';
import type { OutboundMessage } from '../../platform/port';
import type { ServiceDeps } from '../context';
import { newToken, tokenHash } from './tokens';

export const LINK_MINUTES = 15;
export type LinkPurpose = 'sign_in' | 'set_password';

/** Where each kind of link points (the token goes in the query of sign-in links, in the hash of the console page). */
const PATHS: Record<LinkPurpose, string> = { sign_in: '/auth/link?token=', set_password: '/#/set-password?token=' };

/** Stores a new one-time link for a person and returns the chat message carrying it. Call inside a transaction. */
export function linkMessage(deps: ServiceDeps, personId: number, locale: Locale, purpose: LinkPurpose): { linkId: number; message: OutboundMessage } {
  const token = newToken();
  const now = deps.now();
  const { id } = deps.db
    .insert(loginLinks)
    .values({ tokenHash: tokenHash(token), personId, purpose, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + LINK_MINUTES * 60_000).toISOString() })
    .returning({ id: loginLinks.id })
    .get();
  const url = `${deps.settings.publicUrl}${PATHS[purpose]}${token}`;
  // `secret`: the local chat shows it only to the person (and admins), never to HR or managers reading along.
  return { linkId: id, message: { text: t(locale, purpose === 'sign_in' ? 'auth.link' : 'auth.passwordLink', { url, minutes: LINK_MINUTES }), secret: true } };
}

/**
 * Sends a one-time link to the person with this e-mail, in chat, if they are active. Says nothing either way:
 * the caller answers the same whatever happened, so the endpoint cannot tell which e-mails exist.
 */
export function sendLink(deps: ServiceDeps, email: string, purpose: LinkPurpose): void {
  inTransaction(deps.db, () => {
    const person = deps.db
      .select({ id: people.id, locale: people.locale })
      .from(people)
      .where(and(eq(people.email, email.trim().toLowerCase()), eq(people.active, true)))
      .get();
    if (!person) return;
    const { linkId, message } = linkMessage(deps, person.id, asLocale(person.locale, deps.settings.defaultLocale), purpose);
    enqueue(deps, [{ dedupeKey: `login-link:${linkId}`, target: { kind: 'person', personId: person.id }, message }]);
  });
}

export type LinkOutcome = { ok: true; personId: number } | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'left' };

/** Uses a link once: it must exist for this purpose, be unused and not expired, and its person still be active. */
export function consumeLink(db: Db, token: string, purpose: LinkPurpose, now: Date): LinkOutcome {
  return inTransaction(db, () => {
    const link = db.select().from(loginLinks).where(and(eq(loginLinks.tokenHash, tokenHash(token)), eq(loginLinks.purpose, purpose))).get();
    if (!link) return { ok: false, reason: 'unknown' } as const;
    if (link.usedAt) return { ok: false, reason: 'used' } as const;
    if (link.expiresAt <= now.toISOString()) return { ok: false, reason: 'expired' } as const;
    db.update(loginLinks).set({ usedAt: now.toISOString() }).where(eq(loginLinks.id, link.id)).run();
    const person = db.select({ active: people.active }).from(people).where(eq(people.id, link.personId)).get();
    if (!person?.active) return { ok: false, reason: 'left' } as const;
    return { ok: true, personId: link.personId } as const;
  });
}
