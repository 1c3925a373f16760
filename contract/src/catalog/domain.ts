import { defineDomain } from '../domain.ts';
import { catalogOperations } from './operations/catalog-operations.ts';

export const catalogDomain = defineDomain({
  name: 'catalog',
  tags: [
    { name: 'Products', description: 'Browse, search and filter the catalog (pages 1–3).' },
    { name: 'Categories', description: 'The category tree.' },
    { name: 'Inventory', description: 'Stock per variant.' },
    { name: 'Banners', description: 'Homepage and category promotions.' },
    { name: 'Catalog management', description: 'Staff operations on products, categories, banners and stock.' },
  ],
  operations: catalogOperations,
});
