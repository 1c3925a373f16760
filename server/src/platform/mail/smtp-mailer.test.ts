import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailer } from '@holiday-peak-hub/core';
import { createSmtpMailer } from './smtp-mailer.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

describe('createSmtpMailer', () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let mailer: Mailer;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        // A relay refusing a recipient: the mailer must report it, not swallow it.
        if (address.address.startsWith('nobody@')) callback(new Error('550 No such user'));
        else callback();
      },
      onData(stream, session, callback) {
        text(stream).then(
          (raw) => {
            received.push({
              from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              raw,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: 'Holiday Peak Hub <no-reply@peak.test>' });
  });

  afterAll(async () => {
    await mailer.close();
    await new Promise<void>((resolve) => server.close(resolve));
  });

  it('delivers the message to the relay, from the configured sender', async () => {
    await mailer.send({
      to: 'ann@example.com',
      subject: 'Verify your e-mail',
      text: 'Open https://peak.test/verify?token=abc to verify.',
      html: '<p>Open <a href="https://peak.test/verify?token=abc">this link</a>.</p>',
    });
    const [message] = received;
    expect(message?.from).toBe('no-reply@peak.test');
    expect(message?.to).toEqual(['ann@example.com']);
    expect(message?.raw).toMatch(/^Subject: Verify your e-mail$/m);
    expect(message?.raw).toMatch(/^To: ann@example\.com$/m);
    expect(message?.raw).toMatch(/^From: Holiday Peak Hub <no-reply@peak\.test>$/m);
    expect(message?.raw).toContain('https://peak.test/verify?token=abc');
    expect(message?.raw).toContain('Content-Type: text/html');
  });

  it('rejects when the relay refuses the message', async () => {
    await expect(mailer.send({ to: 'nobody@example.com', subject: 's', text: 't' })).rejects.toThrow(/No such user/);
  });
});
