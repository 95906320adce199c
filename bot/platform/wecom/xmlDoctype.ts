import { CallbackRefused } from './callbackCrypto';

/**
 * WeCom never sends a DTD. One in a body can only be an attack (XXE, "billion laughs" entity expansion), so
 * it is refused before any XML is looked at, in the envelope as in the decrypted message.
 */
export function refuseDoctype(xml: string): void {
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) throw new CallbackRefused(400, 'doctype_refused', 'A DOCTYPE or ENTITY declaration is not accepted.');
}
