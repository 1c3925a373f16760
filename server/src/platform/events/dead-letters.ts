import type { Container } from '@azure/cosmos';
import { cosmosStatus } from '../cosmos/cosmos-errors.ts';

/** An event a consumer could never apply: kept with the reason, so that it can be looked at and replayed. */
export interface DeadLetter {
  /** `<consumer>:<hub>:<partition>:<sequence number>`: one record per delivery position, so a redelivery adds none. */
  id: string;
  consumer: string;
  hub: string;
  partition_id: string;
  sequence_number: number;
  /** The envelope's, when the body had one. */
  event_id: string | null;
  event_type: string | null;
  reason: string;
  attempts: number;
  /** The body as received. */
  body: unknown;
  dead_lettered_at: string;
}

export interface DeadLetterStore {
  put(letter: DeadLetter): Promise<void>;
}

/** Dead letters in the `dead_letters` container, partitioned by consumer. */
export class CosmosDeadLetters implements DeadLetterStore {
  readonly #container: Container;

  constructor(container: Container) {
    this.#container = container;
  }

  async put(letter: DeadLetter): Promise<void> {
    try {
      await this.#container.items.create(letter);
    } catch (err) {
      if (cosmosStatus(err) !== 409) throw err;
    }
  }
}
