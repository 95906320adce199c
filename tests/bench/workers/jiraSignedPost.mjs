// Jira Cloud admin webhooks for the shared load loop: each body is signed as Jira signs it (X-Hub-Signature:
// sha256=<HMAC-SHA256 of the raw body>) with its own X-Atlassian-Webhook-Identifier; good = a 200 JSON answer
// that says the delivery was stored (the bare baseline answers {"status":"stored"} too).
import { createHmac } from 'node:crypto';
import { clientData, serveLoad } from './httpLoad.mjs';

const { path, secret } = clientData;

serveLoad({
  build: ({ id, body }) => ({
    path,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
      'x-atlassian-webhook-identifier': id,
      'x-atlassian-webhook-flow': 'Primary',
    },
    body,
  }),
  good: (r) => r.status === 200 && r.text.includes('"stored"'),
});
