import type { CategoryCreate, CategoryUpdate } from '@holiday-peak-hub/contract';
import { ConflictError, NotFoundError, UnprocessableError } from '../pipeline/errors.ts';
import { createEvent } from '../platform/events/create-event.ts';
import {
  checkIfMatch,
  eventContext,
  withConcurrency,
  type ServiceClock,
  type WriteContext,
} from '../platform/write-context.ts';
import type { CategoryDocument, Versioned } from './documents.ts';
import type { PageInput } from './page.ts';
import type { CategoryRepository, ProductRepository } from './ports.ts';
import { stableJson } from './stable-json.ts';

export interface CategoryServiceDeps extends ServiceClock {
  categories: CategoryRepository;
  products: ProductRepository;
}

/** Most ancestors a category may have (also bounds the walk that checks a new parent for cycles). */
const MAX_DEPTH = 20;

const ref = (doc: CategoryDocument) => ({ slug: doc.slug, parent_slug: doc.parent_slug });

export class CategoryService {
  readonly #deps: CategoryServiceDeps;

  constructor(deps: CategoryServiceDeps) {
    this.#deps = deps;
  }

  async get(slug: string): Promise<Versioned<CategoryDocument>> {
    const doc = await this.#deps.categories.get(slug);
    if (!doc) throw new NotFoundError('Category', { slug });
    return doc;
  }

  list(parent: string | undefined, page: PageInput) {
    return this.#deps.categories.list(parent, page);
  }

  /** 422 unless `parent` exists, `slug` is not `parent` itself or one of its ancestors, and it gets at most MAX_DEPTH ancestors. */
  async #checkParent(slug: string, parent: string | null): Promise<void> {
    let cursor = parent;
    for (let depth = 0; cursor !== null; depth += 1) {
      if (cursor === slug) {
        throw new UnprocessableError('A category cannot be its own ancestor', { slug, parent_slug: parent });
      }
      if (depth >= MAX_DEPTH) {
        throw new UnprocessableError(
          `A category cannot have more than ${MAX_DEPTH} ancestors: the tree would be too deep`,
          {
            slug,
            parent_slug: parent,
            max_depth: MAX_DEPTH,
          },
        );
      }
      const ancestor = await this.#deps.categories.get(cursor);
      if (!ancestor) throw new UnprocessableError('The parent category does not exist', { parent_slug: cursor });
      cursor = ancestor.parent_slug;
    }
  }

  async create(input: CategoryCreate, ctx: WriteContext): Promise<Versioned<CategoryDocument>> {
    await this.#checkParent(input.slug, input.parent_slug);
    const now = this.#deps.clock();
    const doc: CategoryDocument = {
      id: input.slug,
      doc_type: 'category',
      ...input,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    const event = createEvent('CategoryCreated', ref(doc), eventContext(this.#deps, ctx, now));
    return this.#deps.categories.create(doc, [event], now);
  }

  async update(slug: string, patch: CategoryUpdate, ctx: WriteContext): Promise<Versioned<CategoryDocument>> {
    return withConcurrency(ctx.ifMatch, async () => {
      const current = await this.get(slug);
      checkIfMatch(ctx.ifMatch, current._etag, { slug });
      const changed = Object.entries(patch).filter(
        ([field, value]) =>
          value !== undefined && stableJson(value) !== stableJson(current[field as keyof CategoryDocument]),
      );
      if (changed.length === 0) return current;
      if (patch.parent_slug !== undefined && patch.parent_slug !== current.parent_slug) {
        await this.#checkParent(slug, patch.parent_slug);
      }
      const now = this.#deps.clock();
      const updated = { ...current, ...patch, updated_at: now.toISOString() } as CategoryDocument;
      const event = createEvent('CategoryUpdated', ref(updated), eventContext(this.#deps, ctx, now));
      return this.#deps.categories.replace(updated, [event], current._etag, now);
    });
  }

  /** Only an empty category goes: one with products (any status) or children is refused with 409. */
  async delete(slug: string, ctx: WriteContext): Promise<void> {
    await withConcurrency(ctx.ifMatch, async () => {
      const current = await this.get(slug);
      checkIfMatch(ctx.ifMatch, current._etag, { slug });
      const [products, children] = await Promise.all([
        this.#deps.products.countInCategory(slug),
        this.#deps.categories.countChildren(slug),
      ]);
      if (products > 0 || children > 0) {
        throw new ConflictError('The category is not empty: move or delete its products and subcategories first', {
          slug,
          products,
          children,
        });
      }
      const now = this.#deps.clock();
      const event = createEvent('CategoryDeleted', ref(current), eventContext(this.#deps, ctx, now));
      await this.#deps.categories.delete(current, [event], current._etag, now);
    });
  }
}
