// WeCom's side of the callback bench for the shared load loop: POSTs prepared (already encrypted and signed)
// callbacks, each {path, body}; good = the empty 200 WeCom expects.
import { emptyOk, serveLoad } from './httpLoad.mjs';

serveLoad({
  build: ({ path, body }) => ({ path, headers: { 'content-type': 'text/xml' }, body }),
  good: emptyOk,
});
