import type { FastifyError, FastifyInstance } from 'fastify';
import { StoreError } from '../../store/index.js';
import { ApiError } from './api-error.js';

/**
 * Every error answer has the same body, `{error, message, requestId}`.
 * Internal errors say nothing about their cause to the caller; the server
 * log (when enabled) gets the error without the request body or headers.
 */
/** A path parameter longer than an id may be: the router's own refusal and the console's catch-all say the same. */
export function overlongParameterMessage(limit: number): string {
  return `params: a path parameter is longer than ${limit} characters (an id is at most ${limit})`;
}

const STORE_STATUS = { not_found: 404, ambiguous: 409, invalid: 400 } as const;

interface Answer {
  readonly status: number;
  readonly error: string;
  readonly message: string;
}

function answerFor(err: unknown): Answer | undefined {
  if (err instanceof ApiError) return { status: err.statusCode, error: err.code, message: err.message };
  if (err instanceof StoreError) return { status: STORE_STATUS[err.code], error: err.code === 'invalid' ? 'invalid_request' : err.code, message: err.message };
  const e = err as Partial<FastifyError> & { statusCode?: number };
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, error: 'payload_too_large', message: 'request body larger than the configured limit' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, error: 'unsupported_media_type', message: 'send the body as application/json' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, error: 'invalid_request', message: 'body: a JSON body is required' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, error: 'invalid_request', message: 'Content-Length does not match the body' };
    default:
      break;
  }
  if (e.statusCode === 429) return { status: 429, error: 'rate_limited', message: e.message ?? 'rate limit exceeded' };
  if (err instanceof SyntaxError || (e.statusCode === 400 && typeof e.code === 'string' && e.code.startsWith('FST_ERR_CTP'))) {
    return { status: 400, error: 'invalid_json', message: 'body: not valid JSON' };
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, error: 'invalid_request', message: e.message ?? 'bad request' };
  }
  return undefined;
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const answer = answerFor(err);
    if (!answer) {
      request.log.error({ err: { name: (err as Error).name, message: (err as Error).message, stack: (err as Error).stack } }, 'request failed');
      return reply.code(500).send({ error: 'internal', message: 'internal error', requestId: request.id });
    }
    if (answer.status === 429) {
      // @fastify/rate-limit puts its headers on the reply before throwing.
      return reply.code(429).send({ error: answer.error, message: answer.message, requestId: request.id });
    }
    return reply.code(answer.status).send({ error: answer.error, message: answer.message, requestId: request.id });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: 'not_found', message: 'no such route', requestId: request.id });
  });
}
