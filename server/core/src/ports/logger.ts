type LogMethod = (fields: object, message?: string) => void;

/** Structured logging, as pino does it: fields first, then the message. */
export interface Logger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

/** A logger that drops everything (the mocks, and tests that read no logs). */
export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
