/** Whether the process is draining: readiness answers 503 from the first SIGTERM on. */
export interface Lifecycle {
  shuttingDown: boolean;
}

export function createLifecycle(): Lifecycle {
  return { shuttingDown: false };
}
