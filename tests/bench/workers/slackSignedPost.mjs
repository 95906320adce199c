// Slack interactivity for the shared load loop: each job is a standup-modal submission, built here (so the bodies
// live in this client's memory, not in the measured app's process, and do not cross IPC), signed when it is sent
// (v0 HMAC over "v0:ts:body") and POSTed form-encoded as Slack posts it; good = the empty 200 that closes the modal.
import { createHmac } from 'node:crypto';
import { clientData, emptyOk, serveLoad } from './httpLoad.mjs';

const { path, secret, team, appId } = clientData;

/** A view_submission of the standup modal as Slack posts it (payload=<JSON>), answering one person's request. */
function submission({ userId, requestId, i }) {
  const value = (text) => ({ answer: { type: 'plain_text_input', value: text } });
  const payload = {
    type: 'view_submission',
    team: { id: team.id, domain: team.domain },
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: team.id },
    api_app_id: appId,
    token: 'legacy-verification-token',
    trigger_id: `${i}.${Date.now()}.bench`,
    view: {
      id: `VBENCH${i}`,
      type: 'modal',
      callback_id: 'slack.standup.form',
      private_metadata: JSON.stringify({ requestId }),
      title: { type: 'plain_text', text: 'Weekly standup' },
      blocks: [],
      state: { values: { q0: value('Finished the weekly report and two code reviews'), q1: value('none'), q2: value('Prepare the customer demo for Thursday') } },
    },
    response_urls: [],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

serveLoad({
  build: (job) => {
    const body = submission(job);
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
