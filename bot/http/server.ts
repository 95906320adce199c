import express, { type Express } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../../db/projectRoot';
import { apiRouter } from '../../admin/api/index';
import type { ApiContext } from '../../admin/api/context';
import { errorHandler } from '../../admin/api/http';
import { signInRoutes } from '../../admin/api/signInRoutes';
import { noStore, securityHeaders } from './securityHeaders';

const consoleDist = fromRoot('admin', 'ui', 'dist');

/** One Express app: security headers, health, the JSON API, the console. Platform receivers are mounted by main before this. */
export function createHttpApp(ctx: ApiContext, web: Express = express()): Express {
  web.disable('x-powered-by');
  // No ETag on what res.send answers: the API is no-store (nothing revalidates), and the hash of every body was a
  // SHA-1 per request in the inbound profile. Static files keep theirs (express.static computes its own).
  web.set('etag', false);
  // Sign-in throttles count per client address: behind a proxy, trust only the hops configured.
  if (ctx.config.TRUST_PROXY > 0) web.set('trust proxy', ctx.config.TRUST_PROXY);
  // After the platform receivers (mounted by main before this), on everything this app answers.
  web.use(securityHeaders(ctx.config));
  web.use(['/api', '/auth'], noStore);
  // ok → 200 {"status":"ok"}; degraded → 503 with the reasons, so a load balancer or orchestrator can tell.
  web.get('/healthz', (_req, res) => {
    const report = ctx.health?.() ?? { status: 'ok' };
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });
  // The API before the sign-in pages: every path of those is under /auth, and each answer of the API (the local
  // chat's above all) skipped their eight path patterns first.
  web.use('/api', apiRouter(ctx));
  web.use(signInRoutes(ctx));
  if (existsSync(join(consoleDist, 'index.html'))) {
    web.use(express.static(consoleDist, { index: 'index.html', maxAge: '1h' }));
    web.get('/{*path}', (_req, res) => res.sendFile(join(consoleDist, 'index.html')));
  } else {
    web.get('/', (_req, res) => {
      res.type('text').send('The console is not built yet: run `npm run build:console` (npm start does it for you).');
    });
  }
  web.use(errorHandler(ctx.deps.log));
  return web;
}
