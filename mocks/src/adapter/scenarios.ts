import { operations, type ErrorCode, type Operation, type OperationId } from '@holiday-peak-hub/contract';
import { AppError, errorResponse, type CoreResponse, type PipelineDeps } from '@holiday-peak-hub/core';
import type { CheckoutScenarioControls } from './checkout-scenarios.ts';
import type { Intercept } from './msw-routes.ts';

/** A forced failure of one operation. */
export interface ForcedFailure {
  /** Default `SERVICE_UNAVAILABLE` (503). */
  code?: ErrorCode;
  message?: string;
  /** Fail only this many calls, then answer normally again (default: every call until cleared). */
  times?: number;
}

/**
 * What only mocks have: switches a UI developer flips to see the screens a real backend rarely
 * shows. Each answer still goes through the core, so an error is the API's envelope.
 */
export interface ScenarioControls {
  /** Every answer waits this long (a slow network); 0 for none. A range picks at random. */
  latency(ms: number | { min: number; max: number }): void;
  /** This operation answers with the error (the envelope, its status) until cleared. */
  fail(operationId: OperationId, failure?: ForcedFailure): void;
  /** Stops forcing failures: of one operation, or of all. */
  clearFailures(operationId?: OperationId): void;
  /** Declined cards, stock gone, a slow or failing payment provider, 3-D Secure, unpaid orders expired. */
  readonly checkout: CheckoutScenarioControls;
  /** Every scenario off (latency 0, no forced failure, the checkout's off). */
  reset(): void;
}

export interface Scenarios {
  controls: ScenarioControls;
  intercept: Intercept;
}

/** Errors every operation declares, whatever its own list. */
const ANY_OPERATION_MAY: readonly ErrorCode[] = ['SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR'];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createScenarios(
  deps: Pick<PipelineDeps, 'logger' | 'clock'> & { checkout: CheckoutScenarioControls },
): Scenarios {
  let delay: { min: number; max: number } = { min: 0, max: 0 };
  const failures = new Map<string, ForcedFailure>();

  const controls: ScenarioControls = {
    latency(ms) {
      delay = typeof ms === 'number' ? { min: ms, max: ms } : ms;
    },
    fail(operationId, failure = {}) {
      const code = failure.code ?? 'SERVICE_UNAVAILABLE';
      const op = operations.find((candidate) => candidate.operationId === operationId);
      if (!op) throw new Error(`no operation ${operationId}`);
      // An operation answers only what its contract declares, in the mocks too.
      if (!ANY_OPERATION_MAY.includes(code) && !(op.errors as readonly ErrorCode[]).includes(code)) {
        throw new Error(
          `${operationId} does not declare ${code}: use one of ${[...ANY_OPERATION_MAY, ...op.errors].join(', ')}`,
        );
      }
      failures.set(operationId, { ...failure, code });
    },
    clearFailures(operationId) {
      if (operationId === undefined) failures.clear();
      else failures.delete(operationId);
    },
    checkout: deps.checkout,
    reset() {
      delay = { min: 0, max: 0 };
      failures.clear();
      deps.checkout.reset();
    },
  };

  const intercept = async (op: Operation, requestId: string): Promise<CoreResponse | undefined> => {
    const wait = delay.min + Math.random() * (delay.max - delay.min);
    if (wait > 0) await sleep(wait);
    const failure = failures.get(op.operationId);
    if (!failure) return undefined;
    if (failure.times !== undefined) {
      if (failure.times <= 1) failures.delete(op.operationId);
      else failure.times -= 1;
    }
    const code = failure.code ?? 'SERVICE_UNAVAILABLE';
    const message = failure.message ?? `${op.operationId} is failing (a mock scenario)`;
    const headers: Record<string, string> = code === 'SERVICE_UNAVAILABLE' ? { 'Retry-After': '5' } : {};
    return errorResponse(new AppError(code, message, { scenario: 'forced-failure' }, headers), requestId, deps);
  };

  return { controls, intercept };
}
