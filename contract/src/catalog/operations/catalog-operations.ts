import type { Operation } from '../../operation.ts';
import type { CatalogEventType } from '../../events/catalog.ts';
import { getProductInventory, setVariantStock } from './inventory.ts';
import {
  getProduct,
  getProductFilters,
  getRelatedProducts,
  listFeaturedProducts,
  listProducts,
  searchProducts,
} from './products.ts';
import { createCategory, deleteCategory, getCategory, listCategories, updateCategory } from './categories.ts';
import {
  createBanner,
  deleteBanner,
  listActiveBanners,
  staffGetBanner,
  staffListBanners,
  updateBanner,
} from './banners.ts';
import {
  archiveProduct,
  createProduct,
  deleteProduct,
  publishProduct,
  staffGetProduct,
  staffListProducts,
  updateProduct,
} from './staff-products.ts';

/** The catalog operations, in the order of the OpenAPI document: public reads first, then staff management. */
export const catalogOperations = [
  listProducts,
  searchProducts,
  listFeaturedProducts,
  getProductFilters,
  getProduct,
  getProductInventory,
  getRelatedProducts,
  listCategories,
  getCategory,
  listActiveBanners,
  staffListProducts,
  staffGetProduct,
  createProduct,
  updateProduct,
  publishProduct,
  archiveProduct,
  deleteProduct,
  setVariantStock,
  createCategory,
  updateCategory,
  deleteCategory,
  staffListBanners,
  staffGetBanner,
  createBanner,
  updateBanner,
  deleteBanner,
] as const satisfies readonly Operation<CatalogEventType>[];
