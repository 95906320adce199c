import { CallbackRefused } from './callbackCrypto';
import { refuseDoctype } from './xmlDoctype';

// Exactly one <Encrypt>, its value base64 (as CDATA or plain text), nothing else inside. No backtracking
// hazards: one character class between fixed delimiters.
const ENCRYPT = /<Encrypt>\s*(?:<!\[CDATA\[([A-Za-z0-9+/]+={0,2})\]\]>|([A-Za-z0-9+/]+={0,2}))\s*<\/Encrypt>/;

/**
 * The `Encrypt` value of a POST body (`<xml><ToUserName/><AgentID/><Encrypt/></xml>`), taken by a strict
 * pattern, not an XML parser: the body is not signed, only this value is, so nothing of the body is parsed
 * before the signature is checked. The rest of the envelope carries nothing we use.
 */
export function encryptOf(body: string): string {
  refuseDoctype(body);
  const opening = body.match(/<Encrypt[\s>]/g)?.length ?? 0;
  const match = opening === 1 ? ENCRYPT.exec(body) : null;
  if (!match) throw new CallbackRefused(400, 'malformed_envelope', 'The body has no single base64 <Encrypt> element.');
  return match[1] ?? match[2];
}
