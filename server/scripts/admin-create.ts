/**
 * `npm run admin:create -- --email x --name y`: the operator's way back into an installation that
 * has no admin (or a way to add one without signing in). Against the configured Cosmos DB
 * (`COSMOS_ENDPOINT`, `COSMOS_KEY`, `COSMOS_DATABASE`, as the server), through the same core
 * service as `POST /api/admin/users` and `PUT /api/admin/users/{id}/role` (the admin roster, the
 * `UserCreated` / `UserUpdated` events, the audit log with the actor `cli:admin-create`):
 *
 * - no account with that email: creates an admin account without a password and a one-time
 *   set-password link (valid 7 days), emailed when `SMTP_URL` is set, else printed;
 * - an account with that email: makes it an admin (its owner signs in with their password, or
 *   asks for a reset link on the sign-in page); an admin already is put on the admin roster.
 *
 * Exit code 0 on success, 2 for bad arguments, 1 when it failed.
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createCsrfTokens,
  createLoginLockout,
  createRateLimiter,
  createRuleBasedStrengthCheck,
  createTestPaymentProvider,
  enrolAdmin,
  InProcessEventBus,
  loadSigningKey,
  MemoryMailer,
  MemorySessionStore,
  memoryCounters,
  retryOnConflict,
  type IdentityServices,
  type Mailer,
} from '@holiday-peak-hub/core';
import { pino } from 'pino';
import { createScryptHasher } from '../src/auth/password-hasher.ts';
import { loadConfig } from '../src/config.ts';
import { createIdentityModule } from '../src/identity/module.ts';
import { createCursorCodec, deriveCursorKey } from '../src/platform/cosmos/cursor.ts';
import { connectCosmos, type CosmosConnection } from '../src/platform/cosmos/connect.ts';
import { ensureContainers } from '../src/platform/cosmos/ensure-containers.ts';
import { CONTAINER } from '../src/platform/cosmos/containers.ts';
import { CosmosUserRepository } from '../src/identity/user-repository.ts';
import { createSmtpMailer } from '../src/platform/mail/index.ts';

type AdminContext = Parameters<IdentityServices['admin']['create']>[1];

const USAGE = 'usage: npm run admin:create -- --email <email> --name <name>\n';

/** The outcome, for the caller (the tests) as well as the printed lines. */
export interface AdminCreateResult {
  userId: string;
  outcome: 'created' | 'promoted' | 'already_admin';
  /** The set-password link, when one was made and not emailed. */
  link: string | null;
}

/** Runs the command; `write` prints. Exit code: 0 done, 1 failed, 2 bad arguments. */
export async function adminCreate(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  write: (text: string) => void,
  /** How to reach Cosmos DB (default: as the server does, from the configuration). */
  connect: typeof connectCosmos = connectCosmos,
): Promise<{ code: number; result?: AdminCreateResult }> {
  let values: { email?: string | undefined; name?: string | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { email: { type: 'string' }, name: { type: 'string' } },
    }));
  } catch (err) {
    write(`${(err as Error).message}\n${USAGE}`);
    return { code: 2 };
  }
  const email = values.email?.trim();
  const name = values.name?.trim();
  if (!email || !name || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    write(USAGE);
    return { code: 2 };
  }
  const config = loadConfig(env);
  const logger = pino({ level: env.LOG_LEVEL === 'silent' ? 'silent' : 'warn' });
  const cosmos: CosmosConnection = await connect(config.cosmos, logger);
  const mailer: Mailer = config.mail.smtpUrl
    ? createSmtpMailer({ url: config.mail.smtpUrl, from: config.mail.from })
    : new MemoryMailer(config.mail.from);
  const events = new InProcessEventBus(logger);
  const clock = () => new Date();
  const counters = memoryCounters();
  try {
    await ensureContainers(cosmos.database);
    const cursors = createCursorCodec(deriveCursorKey(config.jwt.privateKeyPem));
    const identity = await createIdentityModule({
      database: cosmos.database,
      events,
      cursors,
      signingKey: await loadSigningKey(config.jwt.privateKeyPem, config.jwt.retiredPublicKeysPem),
      sessionStore: new MemorySessionStore(clock),
      csrf: createCsrfTokens(randomBytes(32)),
      hasher: createScryptHasher({ logN: config.auth.passwordHashLogN }),
      // No password is checked or set here.
      checkStrength: createRuleBasedStrengthCheck(),
      mailer,
      lockout: createLoginLockout(counters),
      attemptLimiter: createRateLimiter(counters, { name: 'account-attempts', points: 10, durationSeconds: 60 }),
      mailLimiter: createRateLimiter(counters, { name: 'mail', points: 5, durationSeconds: 3600 }),
      payments: createTestPaymentProvider(clock),
      social: config.social,
      jwt: config.jwt,
      appUrl: config.appUrl,
      clock,
      eventSource: `${config.eventSource}/admin-create`,
      logger,
    });
    try {
      const users = new CosmosUserRepository(
        cosmos.database.container(CONTAINER.users),
        { publisher: events, logger },
        cursors,
      );
      const ctx: AdminContext = {
        caller: { role: 'admin', userId: 'cli:admin-create', email: null, issuer: null, sessionId: null },
        client: { ip: 'cli', userAgent: 'npm run admin:create' },
        requestId: `cli-${randomBytes(8).toString('hex')}`,
      };
      const existing = await users.getByEmail(email);
      let result: AdminCreateResult;
      if (!existing) {
        const user = await identity.services.admin.create({ email, name, role: 'admin' }, ctx);
        const mailed = mailer instanceof MemoryMailer ? undefined : email;
        const link =
          mailer instanceof MemoryMailer
            ? (/https?:\/\/\S+/.exec(mailer.messages().at(-1)?.text ?? '')?.[0] ?? null)
            : null;
        result = { userId: user.id, outcome: 'created', link };
        write(`created admin ${user.id} <${email}>\n`);
        write(
          mailed
            ? `an invitation with a set-password link (valid 7 days) was emailed to ${email}\n`
            : `set its password with this one-time link (valid 7 days, single use):\n${link}\n`,
        );
      } else if (existing.role !== 'admin') {
        await identity.services.admin.changeRole(existing.id, 'admin', ctx);
        result = { userId: existing.id, outcome: 'promoted', link: null };
        write(`made ${existing.id} <${existing.email}> an admin (was ${existing.role})\n`);
        write('its owner signs in with their password, or asks for a reset link on the sign-in page\n');
      } else {
        // Already an admin: make sure it is on the roster, as a promotion does (the roster first,
        // then a write of the account conditional on the version read before).
        await retryOnConflict(async () => {
          const user = await users.get(existing.id);
          if (!user) throw new Error(`account ${existing.id} is gone`);
          await enrolAdmin(users, user.id);
          await users.save(user, user._etag, clock());
        });
        result = { userId: existing.id, outcome: 'already_admin', link: null };
        write(`${existing.id} <${existing.email}> is already an admin (now on the admin roster)\n`);
      }
      return { code: 0, result };
    } finally {
      await identity.stop();
    }
  } finally {
    await mailer.close();
    await events.close();
    await cosmos.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { code } = await adminCreate(process.argv.slice(2), process.env, (text) => process.stdout.write(text));
    process.exitCode = code;
  } catch (err) {
    process.stderr.write(`admin:create failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
