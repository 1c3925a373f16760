import { expressPath, JSON_MEDIA_TYPE, operations, type Operation } from '@holiday-peak-hub/contract';
import cors from 'cors';
import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import {
  errorResponse,
  ServiceUnavailableError,
  type Handler,
  type Handlers,
  type PipelineDeps,
} from '@holiday-peak-hub/core';
import { errorMiddleware, notFound } from './http/error-middleware.ts';
import { keepRawBody, mountOperation } from './http/mount-operation.ts';
import { sendCoreResponse } from './http/send.ts';
import { requestContext, requestIdOf } from './http/request-context.ts';
import { apiSecurityHeaders } from './http/security-headers.ts';
import { readGenerated } from './system/static-files.ts';

export interface AppDependencies {
  config: Config;
  logger: Logger;
  handlers: Handlers;
  /** Caller identity, rate limits and the clock of the core's request pipeline. */
  pipeline: Omit<PipelineDeps, 'logger' | 'validateResponses'>;
  /** Embedded default only: the captured outgoing mail, listed at `GET /dev/mail`. */
  devMailbox?: { messages(): readonly object[] } | undefined;
}

const DOCS_CSP =
  "default-src 'none'; script-src 'self' 'unsafe-inline' blob:; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

function serveGenerated(path: string, type: string, pipeline: PipelineDeps, csp?: string): RequestHandler {
  const content = readGenerated(path);
  return (req, res) => {
    if (!content) {
      const missing = new ServiceUnavailableError(`${path} was not generated: run npm run generate`);
      sendCoreResponse(req, res, errorResponse(missing, requestIdOf(res), pipeline));
      return;
    }
    if (csp) res.setHeader('Content-Security-Policy', csp);
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type(type).send(content);
  };
}

/** A path the app serves outside the contract's operations (the docs page, the spec files). */
interface DirectRoute {
  path: string;
  method: 'GET';
}

/** Methods served at a path, for 405 answers: the operations' and the app's own routes alike. */
function methodsAt(ops: readonly Operation[], direct: readonly DirectRoute[]): (path: string) => string[] {
  const escape = (path: string) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const routes = [
    ...ops.map((op) => ({
      pattern: new RegExp('^' + expressPath(op.path).replace(/:[A-Za-z0-9_]+/g, '[^/]+') + '/?$'),
      method: op.method.toUpperCase(),
    })),
    ...direct.map((route) => ({ pattern: new RegExp('^' + escape(route.path) + '/?$'), method: route.method })),
  ];
  return (path) => [...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method))];
}

/** The Express app: middleware, then every contract operation mounted by the one generic mount. */
export function createApp(deps: AppDependencies): Express {
  const { config, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);

  app.use(requestContext(logger));
  app.use(apiSecurityHeaders);
  const corsPolicy = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && config.corsOrigins.includes(origin)),
    credentials: true,
    exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-ID', 'Idempotent-Replayed'],
    maxAge: 600,
  });
  // Only browsers on another origin send `Origin`; everyone else skips the CORS work.
  app.use((req, res, next) => (req.headers.origin === undefined ? next() : corsPolicy(req, res, next)));

  const router = express.Router({ strict: false, caseSensitive: true });
  const pipeline: PipelineDeps = { ...deps.pipeline, logger, validateResponses: config.validateResponses };
  const mountOptions = {
    pipeline,
    jsonBody: express.json({ limit: config.bodyLimit, strict: true, type: [JSON_MEDIA_TYPE], verify: keepRawBody }),
  };
  for (const op of operations) {
    const handler = deps.handlers[op.operationId] as unknown as Handler<Operation>;
    mountOperation(router, op as Operation, handler, mountOptions);
  }
  app.use(router);

  // Served by Express itself, not an operation: another method at these paths is a 405 with `Allow` too.
  const direct: DirectRoute[] = [];
  const serve = (path: string, handler: RequestHandler) => {
    direct.push({ path, method: 'GET' });
    app.get(path, handler);
  };

  // Browsers ask every origin for one (the docs page, a JSON answer opened in a tab): no icon, and no error either.
  serve('/favicon.ico', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.status(204).end();
  });

  serve('/docs', serveGenerated('docs/index.html', 'html', pipeline, DOCS_CSP));
  serve('/openapi.json', serveGenerated('contract/openapi.json', 'json', pipeline));
  serve('/asyncapi.json', serveGenerated('contract/asyncapi.json', 'json', pipeline));
  const mailbox = deps.devMailbox;
  if (mailbox) {
    // Not an API operation: a development aid of the embedded default, where no mail leaves the process.
    serve('/dev/mail', (_req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json({ items: [...mailbox.messages()].reverse() });
    });
  }

  app.use(notFound(methodsAt(operations, direct), pipeline));
  app.use(errorMiddleware(pipeline));
  return app;
}
