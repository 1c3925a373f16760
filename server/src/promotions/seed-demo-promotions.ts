import type { Database } from '@azure/cosmos';
import { demoPromotions } from '@holiday-peak-hub/contract/fixtures';
import { promotionDocument } from '@holiday-peak-hub/core';
import { cosmosStatus } from '../platform/cosmos/cosmos-errors.ts';
import { CONTAINER } from '../platform/cosmos/containers.ts';

/**
 * Adds the demo promo codes (`HOLIDAY10`, `FREESHIP`, `LAPTOPS50`), valid around `now`. A code
 * that exists is left as it is: seeding again never resets redemption counts. No events: seeding
 * is not a domain change.
 */
export async function seedDemoPromotions(database: Database, now: Date): Promise<number> {
  const container = database.container(CONTAINER.promotions);
  let created = 0;
  for (const promotion of demoPromotions(now)) {
    try {
      await container.items.create(promotionDocument(promotion));
      created += 1;
    } catch (err) {
      if (cosmosStatus(err) !== 409) throw err;
    }
  }
  return created;
}
