import { decrypt, getSignature } from '@wecom/crypto';
import Database from 'better-sqlite3';
import express from 'express';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { commitEachTurn, serveLocally } from './benchServer';
import { keepAliveFetch } from '../../bot/platform/keepAliveFetch';

export interface WecomFloorOptions {
  token: string;
  aesKey: string;
  corpId: string;
  secret: string;
  /** The fake qyapi's base URL. */
  apiBase: string;
  /** A fresh SQLite file for the floor's record of each callback. */
  dbPath: string;
  /** The reply every answer gets, as the app sent it (a message/send body without its touser; a card gets a task_id of its own per call). */
  reply: Record<string, unknown>;
}

export interface WecomFloor {
  url: string;
  /** message/send calls made, and the people they went to. */
  sent: () => { calls: number; people: number };
  /** Waits for the replies still to go out, then stops the server. */
  close: () => Promise<void>;
}

/** An answer recorded, to be processed after its 200. */
interface Answered {
  key: string;
  userid: string;
  content: string;
}

/**
 * The floor under the app's WeCom callback row: the least a server must do for an encrypted standup answer, built
 * from the libraries the app uses and plain SQL. Before the 200: Express 5 reads the body as text; the signature is
 * computed by @wecom/crypto and compared; the payload is decrypted by @wecom/crypto; fast-xml-parser validates
 * (malformed input is refused, as everywhere) and parses it; the callback is recorded under its retry key, as
 * nothing may be lost once WeCom has its answer (one commit per turn, a SQLite file with the app's journal
 * settings). After the 200, per turn, as the app's processing: one transaction stores each answer, moves the
 * person's conversation to the next question, marks the callback processed and puts the reply (the next question)
 * in an outbox under a unique key; the replies go out in one message/send to everyone answered in the turn (the
 * app batches identical bodies), through the same keep-alive transport to the same fake qyapi; one transaction
 * marks them sent. What the app does beyond this (the standup's state and question order, points, cards, access,
 * retries, the scheduler's view of the outbox) is the difference.
 */
export async function startWecomFloor(opts: WecomFloorOptions): Promise<WecomFloor> {
  const send = keepAliveFetch();
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: false });
  const tokenAnswer = await send(`${opts.apiBase}/cgi-bin/gettoken?corpid=${opts.corpId}&corpsecret=${opts.secret}`);
  const accessToken = ((await tokenAnswer.json()) as { access_token: string }).access_token;
  const db = new Database(opts.dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`create table inbound (dedupe_key text primary key, xml text not null, received_at text not null, processed_at text);
           create table answers (id integer primary key, userid text not null, question integer not null, answer text not null, at text not null);
           create table conversations (userid text primary key, question integer not null, at text not null);
           create table outbox (id integer primary key, dedupe_key text not null unique, userid text not null, status text not null, at text not null)`);
  const sql = {
    record: db.prepare(`insert into inbound (dedupe_key, xml, received_at) values (?, ?, ?) on conflict do nothing`),
    answer: db.prepare(`insert into answers (userid, question, answer, at) values (?, 0, ?, ?)`),
    next: db.prepare(`insert into conversations (userid, question, at) values (?, 1, ?) on conflict (userid) do update set question = excluded.question, at = excluded.at`),
    processed: db.prepare(`update inbound set processed_at = ? where dedupe_key = ?`),
    enqueue: db.prepare(`insert into outbox (dedupe_key, userid, status, at) values (?, ?, 'pending', ?) on conflict do nothing`),
    sent: db.prepare(`update outbox set status = 'sent', at = ? where dedupe_key = ?`),
  };
  const record = commitEachTurn(db, ({ key, xml }: { key: string; xml: string }) => sql.record.run(key, xml, new Date().toISOString()));
  const processTurn = db.transaction((batch: Answered[]) => {
    const at = new Date().toISOString();
    for (const a of batch) {
      sql.answer.run(a.userid, a.content, at);
      sql.next.run(a.userid, at);
      sql.processed.run(at, a.key);
      sql.enqueue.run(`reply:${a.key}`, a.userid, at);
    }
  });
  const markSent = db.transaction((batch: Answered[]) => {
    const at = new Date().toISOString();
    for (const a of batch) sql.sent.run(at, `reply:${a.key}`);
  });
  let waiting: Answered[] = [];
  const inFlight = new Set<Promise<void>>();
  let calls = 0;
  let cards = 0;
  let people = 0;

  const processAndReply = () => {
    const batch = waiting;
    waiting = [];
    processTurn(batch);
    const call = send(`${opts.apiBase}/cgi-bin/message/send?access_token=${accessToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...withTaskId(opts.reply, `floor_${++cards}`), touser: batch.map((a) => a.userid).join('|') }),
    }).then(async (res) => {
      const answer = (await res.json()) as { errcode: number; errmsg: string };
      if (answer.errcode !== 0) throw new Error(`the floor's message/send failed: ${answer.errmsg}`);
      markSent(batch);
      calls++;
      people += batch.length;
    });
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
  };

  const web = express();
  web.post('/wecom/callback', express.text({ type: () => true }), async (req, res) => {
    const q = req.query as Record<string, string>;
    const encrypted = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(req.body as string)?.[1] ?? '';
    if (getSignature(opts.token, q.timestamp, q.nonce, encrypted) !== q.msg_signature) throw new Error('bad signature');
    const { message } = decrypt(opts.aesKey, encrypted);
    if (XMLValidator.validate(message) !== true) throw new Error('malformed XML');
    const { xml } = parser.parse(message) as { xml: { FromUserName: string; MsgId: string; Content: string } };
    const key = `msg:${xml.MsgId}`;
    await record({ key, xml: message });
    res.status(200).end();
    if (waiting.length === 0) setImmediate(processAndReply);
    waiting.push({ key, userid: xml.FromUserName, content: xml.Content });
  });
  const server = await serveLocally(web);
  return {
    url: server.url,
    sent: () => ({ calls, people }),
    close: async () => {
      await new Promise((r) => setImmediate(r)); // a turn's processing scheduled by the last answers
      await Promise.all(inFlight);
      await server.close();
      db.close();
    },
  };
}

/** A card's task_id is unique per card (WeCom refuses a repeat); other messages go as they are. */
function withTaskId(body: Record<string, unknown>, taskId: string): Record<string, unknown> {
  const card = body.template_card as Record<string, unknown> | undefined;
  return card ? { ...body, template_card: { ...card, task_id: taskId } } : body;
}
