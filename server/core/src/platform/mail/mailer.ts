export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Outgoing e-mail (verification links, password resets, sign-in alerts); the sender is the mailer's. */
export interface Mailer {
  /** Resolves once the relay accepted the message; rejects when it did not. */
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}
