import { timingSafeEqual } from 'node:crypto';
import { decrypt, getSignature } from '@wecom/crypto';
import { AppError } from '../../errors';

/**
 * A callback refused for what the client sent (never our fault): answered with its status and the usual error
 * shape, logged as one warn line, nothing stored. 400 malformed, 401 unsigned or stale, 403 not for this corp.
 */
export class CallbackRefused extends AppError {
  constructor(status: 400 | 401 | 403, code: string, message: string) {
    super(code, message, { status });
  }
}

/**
 * Checks and opens WeCom callback payloads. @wecom/crypto computes the signature and decrypts, but checks
 * neither: the signature is compared here in constant time, and the receive id inside the ciphertext must be
 * our corp id (a payload encrypted for another corp with the same key would otherwise be accepted).
 */
export class CallbackCrypto {
  constructor(private readonly opts: { token: string; aesKey: string; corpId: string }) {}

  /** Throws CallbackRefused(401) unless msg_signature = sha1(sort(token, timestamp, nonce, encrypted)). */
  verify(signature: string, timestamp: string, nonce: string, encrypted: string): void {
    const expected = Buffer.from(getSignature(this.opts.token, timestamp, nonce, encrypted), 'utf8');
    const given = Buffer.from(signature.toLowerCase(), 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new CallbackRefused(401, 'bad_signature', 'The msg_signature does not match.');
  }

  /** Decrypts and returns the message; refuses anything not encrypted for our corp. */
  open(encrypted: string): string {
    let opened: { message: string; id: string };
    try {
      opened = decrypt(this.opts.aesKey, encrypted);
    } catch {
      throw new CallbackRefused(400, 'undecryptable', 'The payload could not be decrypted.');
    }
    if (opened.id !== this.opts.corpId) throw new CallbackRefused(403, 'wrong_corp', 'The payload is not for this corp.');
    return opened.message;
  }
}
