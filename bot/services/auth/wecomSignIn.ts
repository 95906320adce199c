import { randomBytes } from 'node:crypto';
import type { Db } from '../../../db/client';
import type { ServiceDeps } from '../context';

export type WecomSignInOutcome = { ok: true; personId: number } | { ok: false; reason: 'no_match' | 'provider' };

/** What sign-in needs from qyapi (WecomClient.getUserInfoByCode): kept narrow so this use case needs no HTTP. */
export interface WecomIdentify {
  getUserInfoByCode(code: string): Promise<{ userid?: string; openid?: string }>;
}

/** WeCom allows only [a-zA-Z0-9] in `state`, at most 128 bytes: 32 hex characters. */
export function newWecomState(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The in-client OAuth link (snsapi_base: silent, gives the userid). Built by hand, not with URLSearchParams:
 * the parameters go in the documented order, redirect_uri percent-encoded, and `#wechat_redirect` must end it.
 */
export function wecomAuthorizeUrl(o: { oauthUrl: string; corpId: string; agentId: string; redirectUri: string; state: string }): string {
  const e = encodeURIComponent;
  return `${o.oauthUrl}?appid=${e(o.corpId)}&redirect_uri=${e(o.redirectUri)}&response_type=code&scope=snsapi_base&state=${e(o.state)}&agentid=${e(o.agentId)}#wechat_redirect`;
}

/**
 * Asks WeCom who the code belongs to and finds the active person with that WeCom userid. Someone outside the
 * company (only an `openid`) matches nobody; a reused or expired code (40029) and any qyapi failure is 'provider'.
 */
export async function finishWecomSignIn(deps: Pick<ServiceDeps, 'db' | 'log'>, wecom: WecomIdentify, code: string): Promise<WecomSignInOutcome> {
  let who: { userid?: string; openid?: string };
  try {
    who = await wecom.getUserInfoByCode(code);
  } catch (err) {
    deps.log.warn({ reason: err instanceof Error ? err.message : String(err) }, 'WeCom sign-in: auth/getuserinfo failed');
    return { ok: false, reason: 'provider' };
  }
  const personId = who.userid ? personForWecomUser(deps.db, who.userid) : undefined;
  if (personId === undefined) {
    deps.log.info({ userid: who.userid, outsider: !who.userid && Boolean(who.openid) }, 'WeCom sign-in: no active person matches');
    return { ok: false, reason: 'no_match' };
  }
  return { ok: true, personId };
}

/**
 * WeCom userids are case-insensitive (WeCom itself answers some of them lower-cased), while identities keep
 * the case they were imported or synced with: compare as the rest of the WeCom code does, lower() on both.
 */
export function personForWecomUser(db: Db, userid: string): number | undefined {
  const row = db.$client
    .prepare<[string], { id: number }>(
      `select p.id from identities i join people p on p.id = i.person_id
       where i.platform = 'wecom' and lower(i.external_id) = lower(?) and p.active = 1`,
    )
    .get(userid);
  return row?.id;
}
