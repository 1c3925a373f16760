import type { promotionOperations } from '@holiday-peak-hub/contract';
import type { HandlersFor } from '../pipeline/handler.ts';
import { httpEtag } from '../platform/storage-etag.ts';
import { toPromotion } from './mapping.ts';
import type { PromotionService } from './promotion-service.ts';

export type PromotionOperationId = (typeof promotionOperations)[number]['operationId'];

const etag = (doc: { _etag: string }) => ({ ETag: httpEtag(doc._etag) });
const written = (requestId: string, ifMatch: string | undefined) => ({ requestId, ifMatch });

/** The staff operations on promo codes: read the validated input, call the service, shape the answer. */
export function createPromotionHandlers(promotions: PromotionService): HandlersFor<PromotionOperationId> {
  return {
    staffListPromotions: async ({ input: { query } }) => {
      const { limit, cursor, active } = query;
      const page = await promotions.list({ active }, { limit, cursor });
      return { status: 200, body: { items: page.items.map(toPromotion), next_cursor: page.nextCursor } };
    },

    createPromotion: async ({ input: { body }, requestId }) => {
      const doc = await promotions.create(body, written(requestId, undefined));
      return {
        status: 201,
        body: toPromotion(doc),
        headers: { ...etag(doc), Location: `/api/staff/promotions/${encodeURIComponent(doc.code)}` },
      };
    },

    staffGetPromotion: async ({ input: { params } }) => {
      const doc = await promotions.get(params.code);
      return { status: 200, body: toPromotion(doc), headers: etag(doc) };
    },

    updatePromotion: async ({ input: { params, headers, body }, requestId }) => {
      const doc = await promotions.update(params.code, body, written(requestId, headers['if-match']));
      return { status: 200, body: toPromotion(doc), headers: etag(doc) };
    },

    deactivatePromotion: async ({ input: { params, headers }, requestId }) => {
      const doc = await promotions.deactivate(params.code, written(requestId, headers['if-match']));
      return { status: 200, body: toPromotion(doc), headers: etag(doc) };
    },
  };
}
