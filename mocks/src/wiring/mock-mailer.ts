import type { MailMessage, Mailer, SentMail } from '@holiday-peak-hub/core';

/** Only the latest messages are kept, as by the core's `MemoryMailer`. */
const KEPT = 200;

/**
 * The mail the mocks "sent", kept in memory like the core's `MemoryMailer`, but stamped with the
 * mocks' clock (a test that moves the clock sees its mail sent then).
 */
export class MockMailer implements Mailer {
  readonly from = 'Holiday Peak Hub <no-reply@holiday-peak-hub.local>';
  readonly #now: () => Date;
  #messages: SentMail[] = [];

  constructor(now: () => Date) {
    this.#now = now;
  }

  send(message: MailMessage): Promise<void> {
    this.#messages.push({ ...message, from: this.from, sent_at: this.#now().toISOString() });
    if (this.#messages.length > KEPT) this.#messages = this.#messages.slice(-KEPT);
    return Promise.resolve();
  }

  /** Oldest first. */
  messages(): readonly SentMail[] {
    return [...this.#messages];
  }

  clear(): void {
    this.#messages = [];
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
