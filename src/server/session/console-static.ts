import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { APPLICATION_LIMITS } from '../../parse/application-schema.js';
import { overlongParameterMessage } from '../http/error-handler.js';

/**
 * The analyst console: the files Vite built into dist/console (scripts/prepare.mjs),
 * served at / by the API's own server. Client routes (/queue, /cases/c-1, ...) answer
 * index.html, so a reload or a shared link works; nothing under /api/ ever does (an
 * unknown API path stays a JSON 404). Every console response carries a strict
 * Content-Security-Policy: scripts and everything else from this origin only, no
 * framing.
 */

/** The package's root: src/server/session/ and dist/server/session/ are both three levels down. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_CONSOLE_DIR = join(PACKAGE_ROOT, 'dist', 'console');

export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function secureHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CONSOLE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY');
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hirewatch</title></head>
<body><main><h1>hirewatch</h1><p>The console is not built. Run <code>npm run build</code> (or <code>npm ci</code>) in the
hirewatch directory, then restart <code>hirewatch serve</code>. The API is at <a href="/api/v1/health">/api/v1</a>.</p></main></body></html>`;

export async function registerConsole(app: FastifyInstance, dir: string = DEFAULT_CONSOLE_DIR): Promise<void> {
  const built = existsSync(join(dir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: dir,
      prefix: '/',
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('content-security-policy', CONSOLE_CSP);
        res.setHeader('x-content-type-options', 'nosniff');
        res.setHeader('referrer-policy', 'no-referrer');
        res.setHeader('x-frame-options', 'DENY');
        res.setHeader('cache-control', /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const page = async (_request: unknown, reply: FastifyReply) => {
    secureHeaders(reply).header('cache-control', 'no-cache');
    if (!built) return reply.code(200).type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.sendFile('index.html');
  };
  app.get('/', page);
  // Client routes answer the page; an unknown path under /api/ is the API's 404.
  app.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // The router falls back to this route when a path parameter is too long: under /api/ that is the API's 400.
    if (path.startsWith('/api/') && path.split('/').some((segment) => segment.length > APPLICATION_LIMITS.id)) {
      return reply.code(400).send({ error: 'invalid_request', message: overlongParameterMessage(APPLICATION_LIMITS.id), requestId: request.id });
    }
    if (path === '/api' || path.startsWith('/api/') || /\.[a-z0-9]{1,8}$/i.test(path)) {
      return reply.code(404).send({ error: 'not_found', message: 'no such route', requestId: request.id });
    }
    return page(request, reply);
  });
}
