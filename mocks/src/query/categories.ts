import type { Category } from '@holiday-peak-hub/contract';

/** Display order: `sort_order`, then name, then slug. */
export function sortCategories(categories: Iterable<Category>): Category[] {
  return [...categories].sort(
    (a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name) || a.slug.localeCompare(b.slug),
  );
}

/** With `parent`, only its direct children; without, every category. */
export function categoriesUnder(categories: Iterable<Category>, parent: string | undefined): Category[] {
  const all = [...categories];
  return parent === undefined ? all : all.filter((category) => category.parent_slug === parent);
}
