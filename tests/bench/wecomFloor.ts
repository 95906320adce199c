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

/**
 * The floor under the app's WeCom callback row: what any server must spend on an encrypted answer before doing
 * anything of its own, built from the libraries the app uses. Express 5 reads the body as text; the signature is
 * computed by @wecom/crypto and compared; the payload is decrypted by @wecom/crypto; the message is parsed by
 * fast-xml-parser after its validator (malformed input is refused, as everywhere); the callback is recorded before
 * the 200, as nothing may be lost once WeCom has its answer (one insert per callback under its retry key, one commit
 * per turn, in a SQLite file with the app's journal settings); the answer is an empty 200. The reply each answer
 * needs (the next question) goes out after the 200 as the app's does: one message/send per turn to everyone
 * answered in it (the app batches by identical bodies), through the same keep-alive transport, to the same fake
 * qyapi. Nothing else: the app's own work (the conversation, the answer, the outbox, access) is the difference.
 */
export async function startWecomFloor(opts: WecomFloorOptions): Promise<WecomFloor> {
  const send = keepAliveFetch();
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: false });
  const tokenAnswer = await send(`${opts.apiBase}/cgi-bin/gettoken?corpid=${opts.corpId}&corpsecret=${opts.secret}`);
  const accessToken = ((await tokenAnswer.json()) as { access_token: string }).access_token;
  const db = new Database(opts.dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`create table inbound (dedupe_key text primary key, xml text not null, received_at text not null)`);
  const insert = db.prepare(`insert into inbound (dedupe_key, xml, received_at) values (?, ?, ?) on conflict do nothing`);
  const record = commitEachTurn(db, ({ key, xml }: { key: string; xml: string }) => insert.run(key, xml, new Date().toISOString()));
  let waiting: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let calls = 0;
  let cards = 0;
  let people = 0;

  const flush = () => {
    const touser = waiting;
    waiting = [];
    const call = send(`${opts.apiBase}/cgi-bin/message/send?access_token=${accessToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...withTaskId(opts.reply, `floor_${++cards}`), touser: touser.join('|') }),
    }).then(async (res) => {
      const answer = (await res.json()) as { errcode: number; errmsg: string };
      if (answer.errcode !== 0) throw new Error(`the floor's message/send failed: ${answer.errmsg}`);
      calls++;
      people += touser.length;
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
    const { xml } = parser.parse(message) as { xml: { FromUserName: string; MsgId: string } };
    await record({ key: `msg:${xml.MsgId}`, xml: message });
    res.status(200).end();
    if (waiting.length === 0) setImmediate(flush);
    waiting.push(xml.FromUserName);
  });
  const server = await serveLocally(web);
  return {
    url: server.url,
    sent: () => ({ calls, people }),
    close: async () => {
      await new Promise((r) => setImmediate(r)); // a reply scheduled by the last answers
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
