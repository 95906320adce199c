import Database from 'better-sqlite3';
import { parse as parseCookie } from 'cookie';
import express from 'express';
import { createHash } from 'node:crypto';
import { commitEachTurn, serveLocally, type LocalServer } from './benchServer';

export interface AnswersFloorOptions {
  path: string;
  /** A fresh SQLite file for the floor's sessions, people and messages. */
  dbPath: string;
  /** The session the client signs in with: its cookie's token and CSRF token. */
  session: { token: string; csrf: string };
  /** Everyone who may answer, by e-mail. */
  emails: readonly string[];
  /** What the bot says back to an answer (the next question). */
  reply: string;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The floor under the app's local-chat answers row: what any signed-in, durable chat endpoint must spend on an
 * answer before doing anything of its own. Express 5 + express.json(); the session cookie's row read (its token
 * hashed) and the CSRF header compared, as on every signed-in write; the person found by e-mail; the answer and the
 * bot's reply recorded before the 200 (two inserts, one commit per turn, a SQLite file with the app's journal
 * settings); then {ok:true}. Nothing else: the app's own work (the conversation, the standup's state, the question
 * order, access, the outbox) is the difference.
 */
export async function startAnswersFloor(opts: AnswersFloorOptions): Promise<LocalServer> {
  const db = new Database(opts.dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`create table sessions (token_hash text primary key, csrf_token text not null, expires_at text not null);
           create table people (id integer primary key, email text not null unique);
           create table messages (id integer primary key, person_id integer not null references people(id), sender text not null, text text not null, at text not null)`);
  db.prepare(`insert into sessions values (?, ?, ?)`).run(hash(opts.session.token), opts.session.csrf, new Date(Date.now() + 86_400_000).toISOString());
  const addPerson = db.prepare(`insert into people (email) values (?)`);
  db.transaction(() => opts.emails.forEach((e) => addPerson.run(e)))();
  const sessionOf = db.prepare<[string, string], { csrf: string }>(`select csrf_token as csrf from sessions where token_hash = ? and expires_at > ?`);
  const personOf = db.prepare<[string], { id: number }>(`select id from people where email = ?`);
  const say = db.prepare(`insert into messages (person_id, sender, text, at) values (?, ?, ?, ?)`);

  const record = commitEachTurn(db, ({ personId, text }: { personId: number; text: string }) => {
    const at = new Date().toISOString();
    say.run(personId, 'person', text, at);
    say.run(personId, 'bot', opts.reply, at);
  });

  const web = express();
  web.post(opts.path, express.json(), async (req, res) => {
    const token = req.headers.cookie ? parseCookie(req.headers.cookie).perf_session : undefined;
    const session = token ? sessionOf.get(hash(token), new Date().toISOString()) : undefined;
    if (!session || req.get('x-csrf-token') !== session.csrf) {
      res.status(401).json({ error: { code: 'unauthenticated', message: 'Please sign in.' } });
      return;
    }
    const { employee, text } = req.body as { employee?: unknown; text?: unknown };
    const person = typeof employee === 'string' ? personOf.get(employee) : undefined;
    if (!person || typeof text !== 'string') {
      res.status(400).json({ error: { code: 'bad_request', message: 'employee and text are required.' } });
      return;
    }
    await record({ personId: person.id, text });
    res.json({ ok: true });
  });
  const server = await serveLocally(web);
  return {
    url: server.url,
    close: async () => {
      await server.close();
      db.close();
    },
  };
}
