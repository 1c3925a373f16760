import {
  categoryScope,
  computeFacets,
  searchWords,
  defaultSeo,
  followSeoDefaults,
  stockStatusOf,
  variantPriceIssues,
  type CategoryNode,
} from '@holiday-peak-hub/contract';
import type { ProductCreate, ProductUpdate } from '@holiday-peak-hub/contract';
import { NotFoundError, UnprocessableError } from '../pipeline/errors.ts';
import { createEvent } from '../platform/events/create-event.ts';
import { randomToken } from '../platform/random.ts';
import {
  checkIfMatch,
  eventContext,
  withConcurrency,
  type ServiceClock,
  type WriteContext,
} from '../platform/write-context.ts';
import type { ProductDocument, Versioned } from './documents.ts';
import type { PageInput } from './page.ts';
import type { CategoryRepository, ProductRepository, StaffProductFilter } from './ports.ts';
import { derivedFields } from './product-derived.ts';
import type { ProductListQuery } from './product-query.ts';
import { claimAll, claimKeys, claimKeysMissing, findProduct, refDetails, releaseAll } from './product-claims.ts';
import { stableJson } from './stable-json.ts';

export interface ProductServiceDeps extends ServiceClock {
  products: ProductRepository;
  categories: CategoryRepository;
  /** Every category's slug and parent (read through the catalog cache). */
  categoryTree: () => Promise<CategoryNode[]>;
}

/** Listing input as the contract parses it: one category slug, which may be a department. */
export type ProductListInput = Omit<ProductListQuery, 'categories'> & { category?: string | undefined };

const productRef = (doc: ProductDocument) => ({ product_id: doc.id, category_slug: doc.category_slug, sku: doc.sku });

function checkVariants(variants: ProductDocument['variants'], price: ProductDocument['price']): void {
  const ids = new Set(variants.map((variant) => variant.variant_id));
  if (ids.size !== variants.length) throw new UnprocessableError('Variant ids must be unique within a product');
  // A patch may lower the price or change the variants alone: the rule holds for the product it makes.
  const [issue] = variantPriceIssues(price, variants);
  if (issue) throw new UnprocessableError(issue.message, { field: issue.path.join('.') });
}

/** Product rules: shoppers see active products only; staff manage every status. */
export class ProductService {
  readonly #deps: ProductServiceDeps;

  constructor(deps: ProductServiceDeps) {
    this.#deps = deps;
  }

  /** Any status (staff). */
  async get(id: string): Promise<Versioned<ProductDocument>> {
    const doc = await this.#deps.products.get(id);
    if (!doc) throw new NotFoundError('Product', { product_id: id });
    return doc;
  }

  /**
   * Active only (shoppers): drafts and archived products do not exist for them. `ref` is the
   * product's id or its slug; anything else (malformed included) names nothing: 404.
   */
  async getActive(ref: string): Promise<Versioned<ProductDocument>> {
    const doc = await findProduct(this.#deps.products, ref);
    if (!doc || doc.status !== 'active') throw new NotFoundError('Product', refDetails(ref));
    return doc;
  }

  /** The category and every category below it: a department lists its subcategories' products. */
  async #scope(category: string | undefined): Promise<string[] | undefined> {
    return category === undefined ? undefined : categoryScope(await this.#deps.categoryTree(), category);
  }

  async list(input: ProductListInput, page: PageInput, operation: 'listProducts' | 'searchProducts') {
    const { category, ...filter } = input;
    // A query without a single letter or digit (`--`) finds nothing.
    if (filter.q !== undefined && searchWords(filter.q).length === 0) return { items: [], nextCursor: null };
    return this.#deps.products.listActive({ ...filter, categories: await this.#scope(category) }, page, operation);
  }

  featured(page: PageInput) {
    return this.#deps.products.listFeatured(page);
  }

  /** `ref`: the product's id or slug. */
  async related(ref: string, limit: number) {
    return this.#deps.products.listRelated(await this.getActive(ref), limit);
  }

  async facets(category: string | undefined) {
    const tree = await this.#deps.categoryTree();
    if (category !== undefined && !tree.some((node) => node.slug === category)) {
      throw new NotFoundError('Category', { slug: category });
    }
    const scope = category === undefined ? undefined : categoryScope(tree, category);
    return computeFacets(category ?? null, await this.#deps.products.facetRows(scope));
  }

  staffList(filter: StaffProductFilter, page: PageInput) {
    return this.#deps.products.listForStaff(filter, page);
  }

  async create(input: ProductCreate, ctx: WriteContext): Promise<Versioned<ProductDocument>> {
    if (!(await this.#deps.categories.get(input.category_slug))) {
      throw new UnprocessableError('The category does not exist', { category_slug: input.category_slug });
    }
    checkVariants(input.variants, input.price);
    const now = this.#deps.clock();
    const id = `${input.category_slug}.${randomToken()}`;
    const content = {
      sku: input.sku,
      name: input.name,
      slug: input.slug,
      description: input.description,
      long_description: input.long_description,
      brand: input.brand,
      price: input.price,
      images: input.images,
      variants: input.variants,
      attributes: input.attributes,
      seo: input.seo ?? defaultSeo(input),
      featured: input.featured,
    };
    const doc: ProductDocument = {
      id,
      product_id: id,
      category_slug: input.category_slug,
      ...content,
      status: 'draft',
      analytics: { views: 0, add_to_cart: 0, purchases: 0, conversion_rate: 0 },
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      published_at: null,
      ...derivedFields(content),
    };
    const event = createEvent(
      'ProductCreated',
      { ...productRef(doc), name: doc.name, status: doc.status },
      eventContext(this.#deps, ctx, now),
    );
    // The slug and every SKU are claimed first (409 when one is taken), and given up if the write fails.
    const claimed = await claimAll(this.#deps.products, claimKeys(doc), id, now);
    try {
      return await this.#deps.products.create(doc, [event], now);
    } catch (err) {
      await releaseAll(this.#deps.products, claimed, id);
      throw err;
    }
  }

  async update(id: string, patch: ProductUpdate, ctx: WriteContext): Promise<Versioned<ProductDocument>> {
    return withConcurrency(ctx.ifMatch, async () => {
      const current = await this.get(id);
      checkIfMatch(ctx.ifMatch, current._etag, { product_id: id });
      const changed = Object.entries(patch)
        .filter(
          ([field, value]) =>
            value !== undefined && stableJson(value) !== stableJson(current[field as keyof ProductDocument]),
        )
        .map(([field]) => field);
      if (changed.length === 0) return this.#unchanged(current, ctx);
      const next = { ...current, ...patch } as ProductDocument;
      if (patch.seo === undefined) {
        next.seo = followSeoDefaults(current, next);
        if (stableJson(next.seo) !== stableJson(current.seo)) changed.push('seo');
      }
      if (patch.variants || patch.price) checkVariants(next.variants, next.price);
      const now = this.#deps.clock();
      const updated: ProductDocument = { ...next, ...derivedFields(next), updated_at: now.toISOString() };
      const event = createEvent(
        'ProductUpdated',
        { ...productRef(updated), status: updated.status, changed_fields: changed.sort() },
        eventContext(this.#deps, ctx, now),
      );
      const keys = claimKeys(updated);
      const given = claimKeysMissing(claimKeys(current), keys);
      const wanted = claimKeysMissing(keys, claimKeys(current));
      if (wanted.length === 0 && given.length === 0) {
        return this.#deps.products.replace(updated, [event], current._etag, now);
      }
      // New values (slug, SKUs) are claimed first (409 when one is taken); those given up are freed once the product moved.
      const claimed = await claimAll(this.#deps.products, wanted, id, now);
      let written: Versioned<ProductDocument>;
      try {
        written = await this.#deps.products.replace(updated, [event], current._etag, now);
      } catch (err) {
        await releaseAll(this.#deps.products, claimed, id);
        throw err;
      }
      await releaseAll(this.#deps.products, given, id);
      return written;
    });
  }

  /** Publish (→ active) or archive; a product already in that status is answered as it is. */
  async setStatus(id: string, status: 'active' | 'archived', ctx: WriteContext): Promise<Versioned<ProductDocument>> {
    return withConcurrency(ctx.ifMatch, async () => {
      const current = await this.get(id);
      checkIfMatch(ctx.ifMatch, current._etag, { product_id: id });
      if (current.status === status) return this.#unchanged(current, ctx);
      const now = this.#deps.clock();
      const updated: ProductDocument = {
        ...current,
        status,
        updated_at: now.toISOString(),
        ...(status === 'active' ? { published_at: now.toISOString() } : {}),
      };
      const changed = status === 'active' ? ['published_at', 'status'] : ['status'];
      const event = createEvent(
        'ProductUpdated',
        { ...productRef(updated), status, changed_fields: changed },
        eventContext(this.#deps, ctx, now),
      );
      return this.#deps.products.replace(updated, [event], current._etag, now);
    });
  }

  async delete(id: string, ctx: WriteContext): Promise<void> {
    await withConcurrency(ctx.ifMatch, async () => {
      const current = await this.get(id);
      checkIfMatch(ctx.ifMatch, current._etag, { product_id: id });
      const now = this.#deps.clock();
      const event = createEvent('ProductDeleted', productRef(current), eventContext(this.#deps, ctx, now));
      await this.#deps.products.delete(current, [event], current._etag, now);
      await releaseAll(this.#deps.products, claimKeys(current), id);
    });
  }

  /**
   * The answer to a write that changes nothing. Without `If-Match` it is the version read. With
   * one, that version is claimed by a conditional rewrite of the same document (no event): like a
   * change, a no-op racing with a change made on the same `If-Match` is then a 412, never a 200
   * answering the state and ETag another request has just replaced.
   */
  #unchanged(current: Versioned<ProductDocument>, ctx: WriteContext): Promise<Versioned<ProductDocument>> {
    if (ctx.ifMatch === undefined) return Promise.resolve(current);
    return this.#deps.products.replace(current, [], current._etag, this.#deps.clock());
  }

  /** Sets the units on hand of one variant (absolute: repeating it changes nothing). */
  async setStock(id: string, variantId: string, stock: number, ctx: WriteContext): Promise<Versioned<ProductDocument>> {
    return withConcurrency(ctx.ifMatch, async () => {
      const current = await this.get(id);
      checkIfMatch(ctx.ifMatch, current._etag, { product_id: id });
      const variant = current.variants.find((v) => v.variant_id === variantId);
      if (!variant) throw new NotFoundError('Variant', { product_id: id, variant_id: variantId });
      if (variant.stock === stock) return this.#unchanged(current, ctx);
      const now = this.#deps.clock();
      const variants = current.variants.map((v) => (v.variant_id === variantId ? { ...v, stock } : v));
      const updated: ProductDocument = { ...current, variants, updated_at: now.toISOString() };
      Object.assign(updated, derivedFields(updated));
      const event = createEvent(
        'InventoryUpdated',
        {
          ...productRef(updated),
          variant_id: variantId,
          previous_stock: variant.stock,
          stock,
          status: stockStatusOf(stock),
        },
        eventContext(this.#deps, ctx, now),
      );
      return this.#deps.products.replace(updated, [event], current._etag, now);
    });
  }
}
