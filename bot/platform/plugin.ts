import type { Express, RequestHandler } from 'express';
import type { Config } from '../config';
import type { ServiceDeps } from '../services/context';
import type { ClaimedRows } from '../outbox/handOff';
import type { ChatAdapter } from './port';

/** What the composition root hands a platform: config, the use-case dependencies and a way to send promptly. */
export interface PlatformHost {
  config: Config;
  deps: ServiceDeps;
  /** Delivers what is due in the outbox now (after an inbound event, so replies go out at once). */
  flush: () => Promise<unknown>;
  /**
   * The outbox's claim inside the caller's transaction (`mark` before enqueuing, `claimSince` after, both in it) and
   * the hand-over of what it claimed (right after the commit, to be sent by the next `flush`): an inbound event's
   * replies go out without a claim of their own (bot/outbox/handOff.ts).
   */
  outbox: {
    mark(): number;
    claimSince(platform: string, mark: number): ClaimedRows;
    handOver(claimed: ClaimedRows): void;
    /** Sends what was handed over for the platform, and looks at nothing else (when nothing was left unclaimed). */
    sendHanded(platform: string): Promise<unknown>;
  };
  /** Runs a synchronous write in the group commit of this turn (db/groupCommit.ts); resolves once committed. */
  commit: <T>(work: () => T, opts?: { oneStatement?: boolean }) => Promise<T>;
  /**
   * The HTTP layer's body reader (bot/http/rawBody.ts): sets `req.rawBody`, refuses more than `limitBytes` with
   * 413 before buffering it. Handed over here because adapters do not import the HTTP layer.
   */
  readRawBody: (limitBytes: number) => RequestHandler;
}

/**
 * A chat platform: its adapter for the outbox, plus optional HTTP receivers (mounted before the JSON API,
 * so they read raw bodies for signature checks) and a lifecycle (e.g. a Socket Mode connection).
 */
export interface PlatformPlugin {
  adapter: ChatAdapter;
  mount?(web: Express): void;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}
