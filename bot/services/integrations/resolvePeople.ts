import { stmt } from './sql';
import type { Db } from '../../../db/client';
import type { PersonKey } from './connector';

/**
 * Maps a source's person to the directory: the connector's user-id map first (kept in the console; by id, then by
 * name), then the e-mail, then — for sources that only give display names (a Zendesk export) — a name that exactly
 * one active person has. Undefined: unknown, to be quarantined.
 */
export class PersonResolver {
  private readonly byEmail: (email: string) => number | undefined;
  private names?: Map<string, number | null>;

  constructor(
    private readonly db: Db,
    private readonly userMap: Record<string, number>,
  ) {
    const byEmail = stmt<[string], { id: number }>(db, 'select id from people where email = ? and active = 1');
    this.byEmail = (email) => byEmail.get(email.toLowerCase())?.id;
  }

  /** `byName`: only for sources that give nothing but display names (a helpdesk export); never guessed for the others. */
  resolve(key: PersonKey | null, opts: { byName?: boolean } = {}): number | undefined {
    if (!key) return undefined;
    if (key.id && this.userMap[key.id] !== undefined) return this.userMap[key.id];
    if (key.name && this.userMap[key.name] !== undefined) return this.userMap[key.name];
    if (key.email) {
      const id = this.byEmail(key.email);
      if (id !== undefined) return id;
    }
    if (key.name && opts.byName) return this.byName(key.name);
    return undefined;
  }

  private byName(name: string): number | undefined {
    if (!this.names) {
      this.names = new Map();
      for (const p of stmt<[], { id: number; name: string }>(this.db, 'select id, name from people where active = 1').all()) {
        this.names.set(p.name, this.names.has(p.name) ? null : p.id);
      }
    }
    return this.names.get(name.trim()) ?? undefined;
  }
}

/** How a person key reads in a quarantine reason. */
export function describeKey(key: PersonKey | null): string {
  if (!key) return 'nobody (unassigned)';
  return [key.id && `id ${key.id}`, key.email && `e-mail ${key.email}`, key.name && `name ${key.name}`].filter(Boolean).join(', ') || 'nobody';
}
