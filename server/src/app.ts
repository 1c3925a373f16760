import { expressPath, operations, type AnyOperation, type Operation } from '@holiday-peak-hub/contract';
import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Config } from './config.ts';
import { authenticate } from './auth/authenticate.ts';
import type { TrustedIssuer } from './auth/trusted-issuers.ts';
import { errorMiddleware, notFound } from './http/error-middleware.ts';
import type { Handler, Handlers } from './http/handler.ts';
import { mountOperation } from './http/mount-operation.ts';
import { requestId, requestIdOf } from './http/request-id.ts';
import { readGenerated } from './system/static-files.ts';

export interface AppDependencies {
  config: Config;
  logger: Logger;
  handlers: Handlers;
  issuers: readonly TrustedIssuer[];
}

const DOCS_CSP =
  "default-src 'none'; script-src 'self' 'unsafe-inline' blob:; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

function serveGenerated(path: string, type: string, csp?: string): RequestHandler {
  const content = readGenerated(path);
  return (_req, res) => {
    if (!content) {
      res.status(503).json({
        error: {
          code: 'SERVICE_UNAVAILABLE',
          message: `${path} was not generated: run npm run generate`,
          details: {},
          timestamp: new Date().toISOString(),
          request_id: requestIdOf(res),
        },
      });
      return;
    }
    if (csp) res.setHeader('Content-Security-Policy', csp);
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type(type).send(content);
  };
}

/** Methods served at a path, for 405 answers. */
function methodsAt(ops: readonly Operation[]): (path: string) => string[] {
  const routes = ops.map((op) => ({
    pattern: new RegExp('^' + expressPath(op.path).replace(/:[A-Za-z0-9_]+/g, '[^/]+') + '/?$'),
    method: op.method.toUpperCase(),
  }));
  return (path) => [...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method))];
}

function redactedRequest(req: { id?: unknown; method?: string; url?: string; headers?: Record<string, unknown> }) {
  return {
    id: req.id,
    method: req.method,
    url: req.url,
    userAgent: req.headers?.['user-agent'],
  };
}

/** The Express app: middleware, then every contract operation mounted by the one generic mount. */
export function createApp(deps: AppDependencies): Express {
  const { config, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);

  app.use(requestId);
  app.use(
    pinoHttp({
      logger,
      genReqId: (_req, res) => requestIdOf(res as express.Response),
      serializers: { req: redactedRequest, res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }) },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
    }),
  );
  app.use(helmet());
  app.use(
    cors({
      origin: (origin, callback) => callback(null, origin !== undefined && config.corsOrigins.includes(origin)),
      credentials: true,
      exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-ID'],
      maxAge: 600,
    }),
  );

  app.get('/docs', serveGenerated('docs/index.html', 'html', DOCS_CSP));
  app.get('/openapi.json', serveGenerated('contract/openapi.json', 'json'));
  app.get('/asyncapi.json', serveGenerated('contract/asyncapi.json', 'json'));

  app.use(express.json({ limit: config.bodyLimit, strict: true, type: ['application/json', 'application/*+json'] }));
  app.use(authenticate(deps.issuers));

  const router = express.Router({ strict: false, caseSensitive: true });
  const mountOptions = { logger, validateResponses: config.validateResponses };
  for (const op of operations as readonly AnyOperation[]) {
    const handler = deps.handlers[op.operationId] as unknown as Handler<Operation>;
    mountOperation(router, op as Operation, handler, mountOptions);
  }
  app.use(router);

  app.use(notFound(methodsAt(operations)));
  app.use(errorMiddleware(logger));
  return app;
}
