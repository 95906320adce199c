// Local chat API answers for the shared load loop: a job is one person, whose texts are POSTed as JSON
// {employee, text} one after another; good = 200 with {ok:true}.
import { clientData, serveLoad } from './httpLoad.mjs';

const { path, headers } = clientData;

serveLoad({
  steps: (person) => person.texts.map((text) => ({ employee: person.email, text })),
  build: (message) => ({
    path,
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(message),
    label: `${message.employee} "${message.text}"`,
  }),
  good: (r) => {
    if (r.status !== 200) return false;
    try {
      return JSON.parse(r.text).ok === true;
    } catch {
      return false;
    }
  },
});
