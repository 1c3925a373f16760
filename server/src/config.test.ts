import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('configuration', () => {
  it('runs on the embedded default with nothing set: in-memory mail, Stripe test cards, no social sign-in', () => {
    const config = loadConfig({});
    expect(config.cosmos.mode).toBe('embedded');
    expect(config.mail.smtpUrl).toBeUndefined();
    expect(config.stripe).toBeUndefined();
    expect(config.social).toEqual({});
    expect(config.auth).toEqual({ rateLimitPerMinute: 30, accountAttemptsPerMinute: 10, passwordHashLogN: 14 });
  });

  it("issues its own tokens as JWT_ISSUER, else PUBLIC_BASE_URL, else this server's local address", () => {
    expect(loadConfig({}).jwt.issuer).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '4100' }).jwt.issuer).toBe('http://localhost:4100');
    expect(loadConfig({ PORT: '4100', PUBLIC_BASE_URL: 'https://api.example.com/' }).jwt.issuer).toBe(
      'https://api.example.com',
    );
    expect(
      loadConfig({ PORT: '4100', PUBLIC_BASE_URL: 'https://api.example.com', JWT_ISSUER: 'https://id.example.com' }).jwt
        .issuer,
    ).toBe('https://id.example.com');
  });

  it('names every setting production cannot do without', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining([
        'COSMOS_ENDPOINT',
        'SMTP_URL',
        'STRIPE_SECRET_KEY',
        'JWT_PRIVATE_KEY',
        'REDIS_URL',
        'EVENT_HUBS_CONNECTION_STRING or EVENT_HUBS_NAMESPACE',
      ]),
    );
  });

  it('publishes to Event Hubs by a namespace connection string or a namespace with Azure credentials, checkpoints in Blob Storage', () => {
    expect(loadConfig({}).events).toEqual({ mode: 'in-process' });
    const connectionString =
      'Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=abc';
    expect(
      loadConfig({
        EVENT_HUBS_CONNECTION_STRING: connectionString,
        EVENT_HUBS_CHECKPOINT_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      }).events,
    ).toEqual({
      mode: 'event-hubs',
      connection: { connectionString },
      checkpoints: { connectionString: 'UseDevelopmentStorage=true', container: 'event-checkpoints' },
      runConsumers: true,
      loadBalancing: { updateIntervalInMs: 10_000, partitionOwnershipExpirationIntervalInMs: 60_000 },
    });
    expect(
      loadConfig({
        EVENT_HUBS_NAMESPACE: 'contoso.servicebus.windows.net',
        EVENT_HUBS_CHECKPOINT_URL: 'https://contoso.blob.core.windows.net',
        EVENT_CONSUMERS: 'false',
      }).events,
    ).toMatchObject({
      connection: { namespace: 'contoso.servicebus.windows.net' },
      checkpoints: { url: 'https://contoso.blob.core.windows.net' },
      runConsumers: false,
    });
    expect(problemsOf({ EVENT_HUBS_NAMESPACE: 'contoso.servicebus.windows.net' })[0]).toMatch(
      /^EVENT_HUBS_CHECKPOINT_CONNECTION_STRING or EVENT_HUBS_CHECKPOINT_URL: required/,
    );
    expect(problemsOf({ EVENT_HUBS_CONNECTION_STRING: `${connectionString};EntityPath=product-events` })[0]).toMatch(
      /^EVENT_HUBS_CONNECTION_STRING: a namespace-level connection string/,
    );
  });

  it('enables Microsoft sign-in for the configured tenant and Google sign-in for its client id', () => {
    const config = loadConfig({
      ENTRA_TENANT_ID: 'contoso-tenant',
      ENTRA_AUDIENCE: 'api://holiday-peak-hub',
      ENTRA_CLIENT_ID: 'spa-client',
      GOOGLE_CLIENT_ID: 'google-client',
    });
    expect(config.social.microsoft).toEqual({
      issuer: 'https://login.microsoftonline.com/contoso-tenant/v2.0',
      jwksUri: 'https://login.microsoftonline.com/contoso-tenant/discovery/v2.0/keys',
      clientId: 'spa-client',
    });
    expect(config.social.google?.clientId).toBe('google-client');
    expect(problemsOf({ ENTRA_CLIENT_ID: 'spa-client' })).toEqual(['ENTRA_TENANT_ID: required with ENTRA_CLIENT_ID']);
    const same = problemsOf({ ENTRA_TENANT_ID: 't', ENTRA_AUDIENCE: 'one-app', ENTRA_CLIENT_ID: 'one-app' });
    expect(same.map((p) => p.split(':')[0])).toEqual(['ENTRA_CLIENT_ID']);
  });

  it('refuses malformed mail, Stripe and limit settings, naming each', () => {
    const problems = problemsOf({
      SMTP_URL: 'mail.example.com',
      STRIPE_SECRET_KEY: 'pk_live_x',
      AUTH_RATE_LIMIT_PER_MINUTE: '0',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'AUTH_RATE_LIMIT_PER_MINUTE',
      'SMTP_URL',
      'STRIPE_SECRET_KEY',
    ]);
  });
});
