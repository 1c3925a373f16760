import type { MailMessage, Mailer } from './mailer.ts';

export type SentMail = MailMessage & { from: string; sent_at: string };

/** Only the latest messages are kept: an embedded server left running must not grow without bound. */
const KEPT = 200;

/** Keeps mail in memory instead of sending it: the embedded default, and what tests read links from. */
export class MemoryMailer implements Mailer {
  readonly from: string;
  readonly #now: () => Date;
  #messages: SentMail[] = [];

  /** `now` stamps `sent_at` (the mocks pass their clock, so mail is sent at the time a test set). */
  constructor(from = 'Holiday Peak Hub <no-reply@holiday-peak-hub.local>', now: () => Date = () => new Date()) {
    this.from = from;
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
