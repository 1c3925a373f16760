import {
  normalizePromoCode,
  promotionShapeProblem,
  type PromotionCreate,
  type PromotionUpdate,
} from '@holiday-peak-hub/contract';
import type { Versioned } from '../catalog/documents.ts';
import type { PageInput, ResultPage } from '../catalog/page.ts';
import { stableJson } from '../catalog/stable-json.ts';
import { NotFoundError, UnprocessableError } from '../pipeline/errors.ts';
import { createEvent } from '../platform/events/create-event.ts';
import {
  checkIfMatch,
  eventContext,
  withConcurrency,
  type ServiceClock,
  type WriteContext,
} from '../platform/write-context.ts';
import { redemptionCapOf, type PromotionDocument } from './documents.ts';
import { evaluatePromotion, type PromotionCart, type PromotionEvaluation } from './evaluate.ts';
import type { PromotionCategoryLookup, PromotionFilter, PromotionRepositories } from './ports.ts';

export interface PromotionServiceDeps extends ServiceClock {
  repositories: PromotionRepositories;
  categories: PromotionCategoryLookup;
}

const ref = (doc: PromotionDocument) => ({ code: doc.code, kind: doc.kind, active: doc.active });

/** Promo codes: staff writes with their events, and evaluation against a cart (for checkout). */
export class PromotionService {
  readonly #deps: PromotionServiceDeps;

  constructor(deps: PromotionServiceDeps) {
    this.#deps = deps;
  }

  /** A promotion by code in any case; 404 when there is none. */
  async get(code: string): Promise<Versioned<PromotionDocument>> {
    const doc = await this.#deps.repositories.promotions.get(normalizePromoCode(code));
    if (!doc) throw new NotFoundError('Promotion', { code: normalizePromoCode(code) });
    return doc;
  }

  list(filter: PromotionFilter, page: PageInput): Promise<ResultPage<Versioned<PromotionDocument>>> {
    return this.#deps.repositories.promotions.list(filter, page);
  }

  async create(input: PromotionCreate, ctx: WriteContext): Promise<Versioned<PromotionDocument>> {
    await this.#checkCategories(input.category_slugs);
    const now = this.#deps.clock();
    const code = normalizePromoCode(input.code);
    const doc: PromotionDocument = {
      ...input,
      id: code,
      code,
      doc_type: 'promotion',
      redemption_count: 0,
      redemption_cap: redemptionCapOf(input.usage_limit_total),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    const event = createEvent('PromotionCreated', ref(doc), eventContext(this.#deps, ctx, now));
    return this.#deps.repositories.promotions.create(doc, [event], now);
  }

  async update(code: string, patch: PromotionUpdate, ctx: WriteContext): Promise<Versioned<PromotionDocument>> {
    if (patch.category_slugs) await this.#checkCategories(patch.category_slugs);
    return withConcurrency(ctx.ifMatch, async () => {
      const current = await this.get(code);
      checkIfMatch(ctx.ifMatch, current._etag, { code: current.code });
      const changed = Object.entries(patch)
        .filter(
          ([field, value]) =>
            value !== undefined && stableJson(value) !== stableJson(current[field as keyof PromotionDocument]),
        )
        .map(([field]) => field);
      if (changed.length === 0) return current;
      const merged = { ...current, ...patch };
      const problem = promotionShapeProblem(merged);
      if (problem) throw new UnprocessableError(problem.message, { code: current.code, field: problem.path });
      const now = this.#deps.clock();
      const updated: PromotionDocument = {
        ...merged,
        redemption_cap: redemptionCapOf(merged.usage_limit_total),
        updated_at: now.toISOString(),
      };
      const context = eventContext(this.#deps, ctx, now);
      const event =
        current.active && !updated.active
          ? createEvent('PromotionDeactivated', ref(updated), context)
          : createEvent('PromotionUpdated', { ...ref(updated), changed_fields: changed }, context);
      return this.#deps.repositories.promotions.replace(updated, [event], current._etag, now);
    });
  }

  /** Turns a code off; an inactive one stays as it is (no write, no event). */
  async deactivate(code: string, ctx: WriteContext): Promise<Versioned<PromotionDocument>> {
    return withConcurrency(ctx.ifMatch, async () => {
      const current = await this.get(code);
      checkIfMatch(ctx.ifMatch, current._etag, { code: current.code });
      if (!current.active) return current;
      const now = this.#deps.clock();
      const updated: PromotionDocument = { ...current, active: false, updated_at: now.toISOString() };
      const event = createEvent('PromotionDeactivated', ref(updated), eventContext(this.#deps, ctx, now));
      return this.#deps.repositories.promotions.replace(updated, [event], current._etag, now);
    });
  }

  /**
   * Whether a code (any case) applies to a cart for a customer at `now`, and for how much: the
   * promotion and the customer's uses read from storage, then `evaluatePromotion`.
   */
  async evaluate(
    code: string,
    cart: PromotionCart,
    customerId: string | null,
    now: Date,
  ): Promise<PromotionEvaluation> {
    const normalized = normalizePromoCode(code);
    const [promotion, uses] = await Promise.all([
      this.#deps.repositories.promotions.get(normalized),
      customerId === null ? Promise.resolve(0) : this.#deps.repositories.ledger.usesOf(normalized, customerId),
    ]);
    return evaluatePromotion(promotion, cart, now, uses);
  }

  /** Every slug must name an existing category: 422 naming the unknown ones. */
  async #checkCategories(slugs: readonly string[]): Promise<void> {
    const found = await Promise.all(slugs.map((slug) => this.#deps.categories.get(slug)));
    const unknown = slugs.filter((_, index) => !found[index]);
    if (unknown.length > 0) {
      throw new UnprocessableError(`Unknown categories: ${unknown.join(', ')}`, { category_slugs: unknown });
    }
  }
}
