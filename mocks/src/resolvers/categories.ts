import type { Category } from '@holiday-peak-hub/contract';
import { etagOf } from '../http/etag.ts';
import { changesNothing, givenFields } from './patch.ts';
import { MockHttpError } from '../http/mock-error.ts';
import { categoriesUnder, sortCategories, fingerprintOf, paginate } from '@holiday-peak-hub/core';
import type { MockStore } from '../store/mock-store.ts';
import { categoryOr404, checkIfMatch } from './lookups.ts';
import type { ResolversFor } from './types.ts';

type CategoryOps = 'listCategories' | 'getCategory' | 'createCategory' | 'updateCategory' | 'deleteCategory';

/** 422 unless the parent exists and is not the category itself or one of its descendants. */
function checkParent(store: MockStore, slug: string, parent: string | null): void {
  if (parent === null) return;
  for (let at: string | null = parent; at !== null; at = store.categories.get(at)?.parent_slug ?? null) {
    if (at === slug) {
      throw new MockHttpError('UNPROCESSABLE_ENTITY', 'A category cannot be its own ancestor', { parent_slug: parent });
    }
    if (!store.categories.has(at)) {
      throw new MockHttpError('UNPROCESSABLE_ENTITY', 'The parent category does not exist', { parent_slug: parent });
    }
  }
}

export const categoryResolvers: ResolversFor<CategoryOps> = {
  listCategories: ({ input: { query }, store }) => {
    const { parent, limit, cursor } = query;
    const sorted = sortCategories(categoriesUnder(store.categories.values(), parent));
    const page = paginate(sorted, { limit, cursor }, fingerprintOf(['listCategories', parent ?? null]));
    return { status: 200, body: page };
  },

  getCategory: ({ input: { params }, store }) => {
    const category = categoryOr404(store, params.slug);
    return { status: 200, body: category, headers: { ETag: etagOf(category) } };
  },

  createCategory: ({ input: { body }, store, urlOf }) => {
    if (store.categories.has(body.slug)) {
      throw new MockHttpError('CONFLICT', 'Category already exists', { slug: body.slug });
    }
    checkParent(store, body.slug, body.parent_slug);
    const at = store.now().toISOString();
    const category: Category = { ...body, created_at: at, updated_at: at };
    store.categories.set(category.slug, category);
    return {
      status: 201,
      body: category,
      headers: { ETag: etagOf(category), Location: urlOf(`/api/categories/${category.slug}`) },
    };
  },

  updateCategory: ({ input: { params, headers, body }, store }) => {
    const current = categoryOr404(store, params.slug);
    checkIfMatch(headers['if-match'], current, { slug: current.slug });
    if (body.parent_slug !== undefined) checkParent(store, current.slug, body.parent_slug);
    const patch = givenFields(body);
    if (changesNothing(current, patch)) return { status: 200, body: current, headers: { ETag: etagOf(current) } };
    const updated: Category = { ...current, ...patch, updated_at: store.now().toISOString() };
    store.categories.set(updated.slug, updated);
    return { status: 200, body: updated, headers: { ETag: etagOf(updated) } };
  },

  deleteCategory: ({ input: { params, headers }, store }) => {
    const current = categoryOr404(store, params.slug);
    checkIfMatch(headers['if-match'], current, { slug: current.slug });
    const products = [...store.products.values()].filter((p) => p.category_slug === current.slug).length;
    const children = [...store.categories.values()].filter((c) => c.parent_slug === current.slug).length;
    if (products > 0 || children > 0) {
      throw new MockHttpError('CONFLICT', 'Only an empty category can be deleted', {
        slug: current.slug,
        products,
        children,
      });
    }
    store.categories.delete(current.slug);
    return { status: 204, body: undefined };
  },
};
