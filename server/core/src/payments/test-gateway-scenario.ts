import { PaymentProviderUnavailableError } from './errors.ts';

/** Switches for the mocks and tests: a slow provider, or one that is down (503 from every call). */
export interface TestGatewayScenario {
  /** Every call waits this long first (a slow provider); 0 for none. */
  delay(ms: number): void;
  /** The next `times` calls fail as an outage would, then calls answer again. */
  failNext(times?: number): void;
  /** Every call fails until switched off. */
  unavailable(down: boolean): void;
  reset(): void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The in-process gateway's switches, and what each call pays for them before it runs. */
export class ProviderScenario implements TestGatewayScenario {
  #delayMs = 0;
  #failures = 0;
  #down = false;

  delay(ms: number): void {
    this.#delayMs = ms;
  }

  failNext(times = 1): void {
    this.#failures = times;
  }

  unavailable(down: boolean): void {
    this.#down = down;
  }

  reset(): void {
    this.#delayMs = 0;
    this.#failures = 0;
    this.#down = false;
  }

  /** What reaching the provider costs: the delay, then the outage if any (nothing has changed then). */
  async network(): Promise<void> {
    if (this.#delayMs > 0) await sleep(this.#delayMs);
    if (this.#down || this.#failures > 0) {
      if (this.#failures > 0) this.#failures -= 1;
      throw new PaymentProviderUnavailableError();
    }
  }
}
