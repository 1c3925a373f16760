import type { Category } from './schemas.ts';

export type CategoryNode = Pick<Category, 'slug' | 'parent_slug'>;

/**
 * The categories a shopper browsing `slug` sees products of: the category itself and every
 * category below it (a department shows its subcategories' products). Server and mocks share it.
 */
export function categoryScope(categories: readonly CategoryNode[], slug: string): string[] {
  const children = new Map<string, string[]>();
  for (const { slug: child, parent_slug: parent } of categories) {
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const scope: string[] = [];
  const queue = [slug];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (scope.includes(next)) continue;
    scope.push(next);
    queue.push(...(children.get(next) ?? []).sort());
  }
  return scope;
}
