import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type HTTPMethods, type onRequestHookHandler } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Knex } from 'knex';
import { authenticate } from '../app/apiKeys';
import type { Config } from '../config/schema';
import type { ApiKeyRow } from '../data/apiKeys';
import { codeGuard, type ApiLog } from './codeGuard';
import { ApiRefusal, errorAnswer, langOf } from './errors';
import { openApiRoute, registerOpenApi } from './openapi';
import { giftCardRoutes } from './giftCards';
import { voucherRoutes } from './vouchers';

// `pos serve`: the e-shop's HTTP JSON API, on fastify. Each route has its schemas (params,
// body, answers) in schemas.ts; requests are checked against them before a handler runs,
// answers are serialised through them, and /v1/openapi.json is made from them.
// Authorization: Bearer <key> (or X-Api-Key), see `pos api-key create`.

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key the request presented, once checked (routes that need one). */
    apiKey: ApiKeyRow | null;
  }
}

export interface ApiOptions {
  db: Knex;
  config: Config;
  log: ApiLog;
}

export interface ApiRoute {
  method: string;
  /** As fastify writes it: /v1/vouchers/:code */
  url: string;
}

export interface Api {
  app: FastifyInstance;
  /** What the API serves (HEAD, implied by GET, left out). */
  routes: readonly ApiRoute[];
}

/** Requests are small JSON objects; more is refused before it is read. */
const BODY_LIMIT = 16 * 1024;
const METHODS: HTTPMethods[] = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'OPTIONS'];

function presentedKey(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const header = req.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : null;
}

/** The API, ready to listen (or to be asked in-process with `inject`). */
export async function buildApi(o: ApiOptions): Promise<Api> {
  const send = (req: FastifyRequest, reply: FastifyReply, error: unknown) => {
    const { status, body } = errorAnswer(error, langOf(req, o.config), (fault) => o.log.error({ err: fault, url: req.url }, 'api request failed'));
    if (error instanceof ApiRefusal) reply.headers(error.headers);
    return reply.code(status).header('cache-control', 'no-store').send(body);
  };
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    // A client that never sends its body does not hold a connection forever.
    requestTimeout: 10_000,
    forceCloseConnections: true,
    // Behind a reverse proxy every client has the proxy's address: the limit of failed look-ups
    // counts per client only when X-Forwarded-For is taken from the proxies named here.
    trustProxy: o.config.api.trustProxy,
    // Longer than any code the schemas take, so a long one is refused by them, by name.
    routerOptions: { maxParamLength: 200 },
    // An address that cannot be decoded (/v1/vouchers/%ZZ) is bad input like any other.
    frameworkErrors: (error, req, reply) => send(req, reply, error),
  });
  // Which methods each address takes, for the 405 of the others (below).
  const served = new Map<string, Set<string>>();
  app.addHook('onRoute', (r) => {
    const methods = served.get(r.url) ?? new Set<string>();
    for (const m of [r.method].flat()) methods.add(m);
    served.set(r.url, methods);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a body of any other type is refused as such, not read as text.
  app.removeContentTypeParser(['text/plain']);
  app.decorateRequest('apiKey', null);
  app.decorateRequest('codeAttempt', null);
  const guard = codeGuard(o.db, o.config.api.failedLookups, o.log);
  app.setErrorHandler(async (error, req, reply) => {
    await guard.noteFailure(req, error);
    return send(req, reply, error);
  });
  app.setNotFoundHandler((req, reply) => send(req, reply, new ApiRefusal(404, 'api.notFound')));
  // Answers are never cached (a balance changes); `send` says it too, for the framework's own errors.
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('cache-control', 'no-store');
    await guard.release(req);
    return payload;
  });

  await registerOpenApi(app);
  const authenticated: onRequestHookHandler = async (req) => {
    const key = await authenticate(o.db, presentedKey(req));
    if (!key) throw new ApiRefusal(401, 'api.unauthorized');
    req.apiKey = key;
  };
  voucherRoutes(app, o.db, o.config, [authenticated, guard.check]);
  giftCardRoutes(app, o.db, o.config, [authenticated, guard.check]);
  openApiRoute(app);
  await app.after();

  const routes = [...served].flatMap(([url, methods]) => [...methods].filter((m) => m !== 'HEAD').map((method) => ({ method, url })));
  // A known address asked with another method: 405 and the methods it takes, not "unknown address".
  for (const [url, methods] of [...served]) {
    const others = METHODS.filter((m) => !methods.has(m));
    if (others.length === 0) continue;
    const allow = [...methods].join(', ');
    app.route({
      method: others,
      url,
      schema: { hide: true },
      // Said before any body is read: what it holds does not matter.
      onRequest: async (req, reply) => send(req, reply.header('allow', allow), new ApiRefusal(405, 'api.methodNotAllowed')),
      handler: async () => undefined,
    });
  }
  // Any other address: unknown, said before a body is read (the not-found handler, left for
  // methods fastify does not route, would read it first and complain of it instead).
  app.route({ method: METHODS, url: '/*', schema: { hide: true }, onRequest: async (req, reply) => send(req, reply, new ApiRefusal(404, 'api.notFound')), handler: async () => undefined });
  await app.ready();
  return { app, routes };
}
