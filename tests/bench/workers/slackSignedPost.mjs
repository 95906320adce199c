// Slack interactivity for the shared load loop: each form body is signed when it is sent (v0 HMAC over
// "v0:ts:body") and POSTed form-encoded as Slack posts it; good = the empty 200 that closes the modal.
import { createHmac } from 'node:crypto';
import { clientData, emptyOk, serveLoad } from './httpLoad.mjs';

const { path, secret } = clientData;

serveLoad({
  build: (body) => {
    const ts = Math.floor(Date.now() / 1000);
    return {
      path,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`,
      },
      body,
    };
  },
  good: emptyOk,
});
