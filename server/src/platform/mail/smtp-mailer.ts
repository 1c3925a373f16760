import { createTransport } from 'nodemailer';
import type { Mailer } from '@holiday-peak-hub/core';

/**
 * Sends through an SMTP relay. `url` is nodemailer's connection URL: `smtps://user:pass@host:465`
 * for implicit TLS, or `smtp://user:pass@host:587`, which upgrades with STARTTLS whenever the
 * relay offers it (append `?requireTLS=true` to refuse relays that do not).
 */
export function createSmtpMailer(options: { url: string; from: string }): Mailer {
  const transport = createTransport(options.url, { from: options.from });
  return {
    async send({ to, subject, text, html }) {
      await transport.sendMail({ to, subject, text, ...(html === undefined ? {} : { html }) });
    },
    close() {
      transport.close();
      return Promise.resolve();
    },
  };
}
