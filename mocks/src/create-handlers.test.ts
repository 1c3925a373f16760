import { expressPath, operations } from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';
import { createHandlers } from './create-handlers.ts';
import { handlers } from './default-handlers.ts';

const routesOf = (list: ReturnType<typeof createHandlers>) =>
  list.map((handler) => `${String(handler.info.method).toUpperCase()} ${String(handler.info.path)}`).sort();

describe('createHandlers', () => {
  it('has one handler for every contract operation, and nothing else', () => {
    const expected = operations.map((op) => `${op.method.toUpperCase()} http://api.test${expressPath(op.path)}`).sort();
    expect(routesOf(createHandlers({ baseUrl: 'http://api.test/' }))).toEqual(expected);
  });

  it('answers on any origin by default', () => {
    expect(handlers).toHaveLength(operations.length);
    for (const handler of handlers) expect(String(handler.info.path)).toMatch(/^\*\/(api|healthz|readyz|\.well-known)/);
  });

  it('puts literal paths before parameterised ones', () => {
    const paths = routesOf(createHandlers()).length;
    const order = createHandlers().map((handler) => String(handler.info.path));
    expect(order.indexOf('*/api/products/search')).toBeLessThan(order.indexOf('*/api/products/:id'));
    expect(order.indexOf('*/api/products/featured')).toBeLessThan(order.indexOf('*/api/products/:id'));
    expect(order.indexOf('*/api/products/filters')).toBeLessThan(order.indexOf('*/api/products/:id'));
    expect(paths).toBe(operations.length);
  });
});
