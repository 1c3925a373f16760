import type { MailMessage, Mailer } from './mailer.ts';

export type SentMail = MailMessage & { from: string; sent_at: string };

/** Only the latest messages are kept: an embedded server left running must not grow without bound. */
const KEPT = 200;

/** Keeps mail in memory instead of sending it: the embedded default, and what tests read links from. */
export class MemoryMailer implements Mailer {
  readonly from: string;
  #messages: SentMail[] = [];

  constructor(from = 'Holiday Peak Hub <no-reply@holiday-peak-hub.local>') {
    this.from = from;
  }

  send(message: MailMessage): Promise<void> {
    this.#messages.push({ ...message, from: this.from, sent_at: new Date().toISOString() });
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
