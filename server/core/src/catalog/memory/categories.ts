import type { Category } from '@holiday-peak-hub/contract';

type Placed = Pick<Category, 'slug' | 'parent_slug' | 'sort_order'>;

/** Display order as the server reads it: `sort_order`, then slug (by code point). */
export function sortCategories<C extends Placed>(categories: Iterable<C>): C[] {
  return [...categories].sort(
    (a, b) => a.sort_order - b.sort_order || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0),
  );
}

/** With `parent`, only its direct children; without, every category. */
export function categoriesUnder<C extends Placed>(categories: Iterable<C>, parent: string | undefined): C[] {
  const all = [...categories];
  return parent === undefined ? all : all.filter((category) => category.parent_slug === parent);
}
