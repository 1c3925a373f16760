import type { Operation } from '@holiday-peak-hub/contract';

const shape = (path: string) => path.split('/').map((segment) => (segment.startsWith('{') ? 1 : 0));

/**
 * Operations ordered so that a literal segment wins over a parameter in the same place
 * (`/api/products/search` before `/api/products/{id}`); otherwise the contract's order is kept.
 */
export function inRouteOrder<Op extends Operation>(ops: readonly Op[]): Op[] {
  return [...ops].sort((a, b) => {
    const sa = shape(a.path);
    const sb = shape(b.path);
    for (let i = 0; i < Math.min(sa.length, sb.length); i += 1) {
      const diff = (sa[i] ?? 0) - (sb[i] ?? 0);
      if (diff !== 0) return diff;
    }
    return 0;
  });
}
