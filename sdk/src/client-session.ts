import type { Client } from './gen/client/index.js';
import type { HolidayPeakSession } from './session.js';

/** The session each client was created with, for the sign-in helpers (which take only the client). */
const sessions = new WeakMap<Client, HolidayPeakSession>();

export function bindSession(client: Client, session: HolidayPeakSession): void {
  sessions.set(client, session);
}

export function sessionOf(client: Client): HolidayPeakSession | undefined {
  return sessions.get(client);
}
