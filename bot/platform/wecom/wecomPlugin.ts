import type { Db } from '../../../db/client';
import type { Config } from '../../config';
import { OPENING_ACTIONS } from '../../services/standup/standupOpening';
import type { PlatformHost, PlatformPlugin } from '../plugin';
import { WecomClient } from './apiClient';
import { CallbackCrypto } from './callbackCrypto';
import { mountCallbackRoutes, WECOM_BODY_LIMIT_BYTES } from './callbackRoute';
import type { CallbackMessage } from './callbackXml';
import { CardUpdates } from './cardUpdates';
import { EventProcessor } from './eventProcessor';
import { InboundStore, type InboundRow } from './inboundStore';
import { MemberLimiter } from './memberLimiter';
import { PartProgress } from './partProgress';
import { Recipients } from './recipients';
import { RobotSender } from './robot';
import { WecomAdapter } from './wecomAdapter';
import { WecomDirectory } from './wecomDirectory';

/** Pending callbacks (left by a crash) and card updates waiting for a retry are looked at this often. */
const SWEEP_MS = 30_000;

export interface WecomPlugin extends PlatformPlugin {
  adapter: WecomAdapter;
  directory: WecomDirectory;
  /** The same qyapi client (and access token) answers who signed in through WeCom OAuth. */
  users: WecomClient;
}

/** The WeCom self-built app: callback receiver, outbox adapter, card updates and the contacts directory. */
export function createWecomPlugin(host: PlatformHost): WecomPlugin {
  const { config, deps } = host;
  const { db, now, log } = deps;
  const creds = credentials(config);
  const client = new WecomClient({ apiBase: config.WECOM_API_BASE, corpId: creds.corpId, secret: creds.secret, agentId: creds.agentId, now, log });
  const recipients = new Recipients(db, now);
  const limiter = new MemberLimiter(now);
  limiter.seed(recentSends(db, now()));
  const progress = new PartProgress();
  const cards = new CardUpdates(db, client, now, log);
  const heldActions = new Set<string>([OPENING_ACTIONS.start]);
  const robot = new RobotSender(client, config.WECOM_ROBOT_WEBHOOK, now, progress);
  const adapter = new WecomAdapter({ client, recipients, limiter, progress, cards, robot, heldActions });
  const store = new InboundStore(db, now);
  const processor = new EventProcessor({ deps, store, recipients, cards, heldActions, flush: host.flush, outbox: host.outbox });
  const failed = (err: unknown) => log.error({ err }, 'WeCom event processing failed');
  const process = () => void processor.run().catch(failed);
  // A callback just recorded: the processor takes it as the route parsed it, then processes.
  const recorded = (row: InboundRow, message: CallbackMessage) => {
    processor.received(row, message);
    process();
  };
  let sweep: NodeJS.Timeout | undefined;

  return {
    adapter,
    directory: new WecomDirectory(client, config.WECOM_JOB_FUNCTIONS, config.WECOM_CONTACTS_SYNC_CRON),
    users: client,
    mount(web) {
      mountCallbackRoutes(web, { crypto: new CallbackCrypto(creds), store, onRecorded: recorded, commit: host.commit, readBody: host.readRawBody(WECOM_BODY_LIMIT_BYTES), log });
    },
    async start() {
      process(); // events recorded before a crash and never processed (the first pass reads the table)
      sweep = setInterval(() => void processor.sweep().catch(failed), SWEEP_MS);
      sweep.unref();
    },
    async stop() {
      clearInterval(sweep);
      await processor.idle();
    },
  };
}

function credentials(config: Config) {
  const { WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN, WECOM_AES_KEY } = config;
  if (!WECOM_CORP_ID || !WECOM_AGENT_ID || !WECOM_SECRET || !WECOM_TOKEN || !WECOM_AES_KEY) throw new Error('WeCom plugin started without its credentials');
  return { corpId: WECOM_CORP_ID, agentId: Number(WECOM_AGENT_ID), secret: WECOM_SECRET, token: WECOM_TOKEN, aesKey: WECOM_AES_KEY };
}

/** What went to each member in the last hour, from the outbox: seeds the per-member limits after a restart. */
function recentSends(db: Db, at: Date): { member: string; at: number }[] {
  const since = new Date(at.getTime() - 3_600_000).toISOString();
  return db.$client
    .prepare<[string], { person_id: number; sent_at: string }>(
      `select person_id, sent_at from deliveries where platform = 'wecom' and status = 'sent' and person_id is not null and sent_at >= ?`,
    )
    .all(since)
    .map((r) => ({ member: String(r.person_id), at: Date.parse(r.sent_at) }));
}
