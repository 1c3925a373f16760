import type { Category } from '@holiday-peak-hub/contract';

/** Display order as the server reads it: `sort_order`, then slug (by code point). */
export function sortCategories(categories: Iterable<Category>): Category[] {
  return [...categories].sort(
    (a, b) => a.sort_order - b.sort_order || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0),
  );
}

/** With `parent`, only its direct children; without, every category. */
export function categoriesUnder(categories: Iterable<Category>, parent: string | undefined): Category[] {
  const all = [...categories];
  return parent === undefined ? all : all.filter((category) => category.parent_slug === parent);
}
