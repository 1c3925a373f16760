import { z, type SocialProvider } from '@holiday-peak-hub/contract';
import { EVENTS_ENV, eventsConfigOf, type EventsConfig } from './platform/events/events-config.ts';

const csv = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);
const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/**
 * Every environment variable the server reads. Nothing set means the embedded default:
 * an in-process Cosmos DB stand-in seeded with the demo catalog, in-memory cache and event bus.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_BASE_URL: z.url().optional(),
  CORS_ORIGINS: csv.default([]),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/)
    .default('100kb'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** The whole request (headers and body) must arrive within this; 0 turns the limit off. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  /** The headers must arrive within this (at most REQUEST_TIMEOUT_MS). */
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(10_000),
  /** An idle keep-alive connection is closed after this: longer than the ingress's own idle timeout. */
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(65_000),

  COSMOS_ENDPOINT: z.url().optional(),
  COSMOS_KEY: z.string().min(1).optional(),
  COSMOS_DATABASE: z.string().min(1).default('holiday-peak-hub'),
  COSMOS_SEED_PRODUCTS: z.coerce.number().int().min(0).max(100_000).default(120),

  REDIS_URL: z.url().optional(),
  EVENT_SOURCE: z.string().min(1).default('holiday-peak-hub-api'),
  ...EVENTS_ENV,

  /** Unset: PUBLIC_BASE_URL when set, else http://localhost:PORT (the address this server is reached at). */
  JWT_ISSUER: z.url().optional(),
  JWT_AUDIENCE: z.string().min(1).default('holiday-peak-hub-api'),
  JWT_PRIVATE_KEY: z.string().min(1).optional(),
  JWT_RETIRED_PUBLIC_KEYS: z.string().min(1).optional(),
  ENTRA_TENANT_ID: z.string().min(1).optional(),
  ENTRA_AUDIENCE: z.string().min(1).optional(),
  ENTRA_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  TRUSTED_ISSUERS: csv.default([]),

  APP_URL: z.url().default('http://localhost:5173'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'smtp://user:password@host:port or smtps://...')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Holiday Peak Hub <no-reply@holidaypeakhub.com>'),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\S+$/, 'a Stripe secret or restricted key (sk_… or rk_…)')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\S+$/, 'a Stripe webhook signing secret (whsec_…)')
    .optional(),
  STRIPE_API_BASE: z.url().optional(),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  AUTH_ACCOUNT_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  PASSWORD_HASH_LOG_N: z.coerce.number().int().min(10).max(20).default(14),

  CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  CACHE_MAX_ENTRIES: z.coerce.number().int().min(10).max(1_000_000).default(5_000),
  VALIDATE_RESPONSES: flag.optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  logLevel: Env['LOG_LEVEL'];
  publicBaseUrl: string | undefined;
  corsOrigins: string[];
  trustProxy: number;
  bodyLimit: string;
  shutdownGraceMs: number;
  /** Node's HTTP server limits: slow clients (a body trickled a byte at a time) cannot hold a socket. */
  http: HttpTimeouts;
  /** `embedded` starts the Cosmos DB stand-in in-process and seeds it. */
  cosmos:
    | { mode: 'embedded'; database: string; seedProducts: number }
    | { mode: 'azure'; endpoint: string; key: string | undefined; database: string };
  redisUrl: string | undefined;
  eventSource: string;
  /** Where domain events go: the in-process bus by default, Azure Event Hubs when configured. */
  events: EventsConfig;
  jwt: {
    issuer: string;
    audience: string;
    privateKeyPem: string | undefined;
    /** Public halves (SPKI PEM) of keys retired by a rotation, still published until their tokens expire. */
    retiredPublicKeysPem: string | undefined;
    entra: { tenantId: string; audience: string } | undefined;
    /** Further issuers (`issuer|jwksUri|audience`) whose tokens are accepted. */
    trustedIssuers: { issuer: string; jwksUri: string; audience: string }[];
  };
  cache: { ttlSeconds: number; maxEntries: number };
  /** Social sign-in: whose ID tokens `POST /api/auth/social/{provider}` accepts. */
  social: Partial<Record<SocialProvider, SocialProviderConfig>>;
  /** The storefront's origin: links in emails (verification, password reset) point there. */
  appUrl: string;
  /** SMTP relay (SendGrid, Azure Communication Services); unset keeps mail in memory (`GET /dev/mail`, embedded only). */
  mail: { smtpUrl: string | undefined; from: string };
  /** Stripe for saved cards; unset outside production: Stripe's test cards, answered in process. */
  stripe: { secretKey: string; webhookSecret: string; apiBase: string | undefined } | undefined;
  auth: {
    /** Calls per minute of each `/api/auth/*` operation from one client address. */
    rateLimitPerMinute: number;
    /** Password or code attempts per account and minute, whatever their outcome (bounds parallel guessing). */
    accountAttemptsPerMinute: number;
    /** scrypt cost (log2 N), with OWASP's matching parallelism: 14 = 16 MiB × 5 lanes; tests lower it. */
    passwordHashLogN: number;
  };
  /** Validate every response against the contract (on outside production unless set). */
  validateResponses: boolean;
}

export interface HttpTimeouts {
  /** Milliseconds for the whole request to arrive (0: no limit); answered 408 when over. */
  requestTimeoutMs: number;
  /** Milliseconds for the headers to arrive; answered 408 when over. */
  headersTimeoutMs: number;
  /** Milliseconds an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
}

export interface SocialProviderConfig {
  issuer: string;
  jwksUri: string;
  /** The client id (audience) ID tokens must be issued to. */
  clientId: string;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

function parseTrustedIssuer(entry: string, problems: string[]) {
  const [issuer, jwksUri, audience] = entry.split('|');
  if (!issuer || !jwksUri || !audience || !URL.canParse(issuer) || !URL.canParse(jwksUri)) {
    problems.push(`TRUSTED_ISSUERS: "${entry}" is not "issuer|jwksUri|audience" with two URLs`);
    return undefined;
  }
  return { issuer, jwksUri, audience };
}

/** Parses the environment, naming every bad variable at once. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  const problems: string[] = [];
  if (env.ENTRA_TENANT_ID && !env.ENTRA_AUDIENCE) problems.push('ENTRA_AUDIENCE: required with ENTRA_TENANT_ID');
  if (env.ENTRA_CLIENT_ID && !env.ENTRA_TENANT_ID) problems.push('ENTRA_TENANT_ID: required with ENTRA_CLIENT_ID');
  if (env.ENTRA_CLIENT_ID && env.ENTRA_CLIENT_ID === env.ENTRA_AUDIENCE) {
    problems.push(
      "ENTRA_CLIENT_ID: must differ from ENTRA_AUDIENCE (else the storefront's ID tokens would pass as access tokens for the API)",
    );
  }
  if (env.NODE_ENV === 'production' && !env.REDIS_URL) {
    problems.push(
      'REDIS_URL: required in production (sessions, revocation and rate limits must be shared by every replica)',
    );
  }
  if (env.NODE_ENV === 'production' && !env.COSMOS_ENDPOINT) {
    problems.push('COSMOS_ENDPOINT: required in production (the embedded stand-in is for development only)');
  }
  if (env.NODE_ENV === 'production' && !env.SMTP_URL) {
    problems.push('SMTP_URL: required in production (verification and reset emails must reach people)');
  }
  if (env.NODE_ENV === 'production' && !env.STRIPE_SECRET_KEY) {
    problems.push('STRIPE_SECRET_KEY: required in production (orders are paid and saved cards read through Stripe)');
  }
  if (Boolean(env.STRIPE_SECRET_KEY) !== Boolean(env.STRIPE_WEBHOOK_SECRET)) {
    problems.push('STRIPE_WEBHOOK_SECRET: set with STRIPE_SECRET_KEY, or neither (payments are confirmed by webhook)');
  }
  if (env.NODE_ENV === 'production' && !env.JWT_PRIVATE_KEY) {
    problems.push('JWT_PRIVATE_KEY: required in production (a generated key would change at every start)');
  }
  if (env.REQUEST_TIMEOUT_MS > 0 && env.HEADERS_TIMEOUT_MS > env.REQUEST_TIMEOUT_MS) {
    problems.push('HEADERS_TIMEOUT_MS: must not exceed REQUEST_TIMEOUT_MS');
  }
  const trustedIssuers = env.TRUSTED_ISSUERS.map((entry) => parseTrustedIssuer(entry, problems)).filter(
    (entry) => entry !== undefined,
  );
  const events = eventsConfigOf(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    corsOrigins: env.CORS_ORIGINS,
    trustProxy: env.TRUST_PROXY,
    bodyLimit: env.BODY_LIMIT,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    http: {
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
      headersTimeoutMs: env.HEADERS_TIMEOUT_MS,
      keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_MS,
    },
    cosmos: env.COSMOS_ENDPOINT
      ? { mode: 'azure', endpoint: env.COSMOS_ENDPOINT, key: env.COSMOS_KEY, database: env.COSMOS_DATABASE }
      : { mode: 'embedded', database: env.COSMOS_DATABASE, seedProducts: env.COSMOS_SEED_PRODUCTS },
    redisUrl: env.REDIS_URL,
    eventSource: env.EVENT_SOURCE,
    events,
    jwt: {
      issuer: env.JWT_ISSUER ?? env.PUBLIC_BASE_URL?.replace(/\/+$/, '') ?? `http://localhost:${env.PORT}`,
      audience: env.JWT_AUDIENCE,
      privateKeyPem: env.JWT_PRIVATE_KEY,
      retiredPublicKeysPem: env.JWT_RETIRED_PUBLIC_KEYS,
      entra:
        env.ENTRA_TENANT_ID && env.ENTRA_AUDIENCE
          ? { tenantId: env.ENTRA_TENANT_ID, audience: env.ENTRA_AUDIENCE }
          : undefined,
      trustedIssuers,
    },
    cache: { ttlSeconds: env.CACHE_TTL_SECONDS, maxEntries: env.CACHE_MAX_ENTRIES },
    social: {
      ...(env.ENTRA_TENANT_ID && env.ENTRA_CLIENT_ID
        ? {
            microsoft: {
              issuer: `https://login.microsoftonline.com/${env.ENTRA_TENANT_ID}/v2.0`,
              jwksUri: `https://login.microsoftonline.com/${env.ENTRA_TENANT_ID}/discovery/v2.0/keys`,
              clientId: env.ENTRA_CLIENT_ID,
            },
          }
        : {}),
      ...(env.GOOGLE_CLIENT_ID
        ? {
            google: {
              issuer: 'https://accounts.google.com',
              jwksUri: 'https://www.googleapis.com/oauth2/v3/certs',
              clientId: env.GOOGLE_CLIENT_ID,
            },
          }
        : {}),
    },
    appUrl: env.APP_URL,
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
    stripe:
      env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET
        ? { secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, apiBase: env.STRIPE_API_BASE }
        : undefined,
    auth: {
      rateLimitPerMinute: env.AUTH_RATE_LIMIT_PER_MINUTE,
      accountAttemptsPerMinute: env.AUTH_ACCOUNT_ATTEMPTS_PER_MINUTE,
      passwordHashLogN: env.PASSWORD_HASH_LOG_N,
    },
    validateResponses: env.VALIDATE_RESPONSES ?? env.NODE_ENV !== 'production',
  };
}

/**
 * For entry points: the configuration from the environment, or the problems on stderr and exit
 * code 1. `requirements` adds what this entry point needs beyond the common rules.
 */
export function loadConfigOrExit(requirements: (config: Config) => string[] = () => []): Config {
  try {
    const config = loadConfig();
    const problems = requirements(config);
    if (problems.length > 0) throw new ConfigError(problems);
    return config;
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
