import helmet from 'helmet';
import type { RequestHandler } from 'express';
import { servedOverHttps, type Config } from '../config';

/**
 * Security headers on every answer of this app (helmet). The console is a built Vite bundle: one module script
 * and one stylesheet from /assets, so scripts and styles come only from 'self' — no inline script, no inline
 * style attribute (Preact sets styles through the CSSOM, which CSP allows; the sign-in pages link /auth/page.css).
 * Nothing may frame the console (clickjacking), no plugins, no <base> elsewhere, forms post only here (the OAuth
 * starts are links and 302s, not form posts). No referrer at all: sign-in links carry their token in the query.
 * HSTS and upgrade-insecure-requests only when browsers reach us over HTTPS, or a plain-HTTP trial would lock itself out.
 */
export function securityHeaders(config: Config): RequestHandler {
  const https = servedOverHttps(config);
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'], // the console's favicon is data:,
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
}

/** `Cache-Control: no-store` for answers that carry personal data or sign-in tokens (/api, /auth): never kept by a browser or proxy. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
