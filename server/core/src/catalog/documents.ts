import type { Banner, Category, ProductStatus, StaffProduct } from '@holiday-peak-hub/contract';

/**
 * How catalog items are stored, whatever the storage. Beside the contract fields, a product keeps
 * fields derived at every write for queries (never sent to clients): `search_text`, `search_name`,
 * `attr_pairs`, `total_stock`. Storage adds its own fields (its version as `_etag`, see `Versioned`; an outbox,
 * system properties): services carry them along untouched and mapping never copies them out.
 */
export interface ProductDocument {
  id: string;
  /** Same as id; the design document's unique key. */
  product_id: string;
  category_slug: string;
  sku: string;
  name: string;
  slug: string;
  description: string;
  long_description: string;
  brand: string;
  price: StaffProduct['price'];
  images: StaffProduct['images'];
  variants: StaffProduct['variants'];
  attributes: StaffProduct['attributes'];
  seo: StaffProduct['seo'];
  featured: boolean;
  status: ProductStatus;
  analytics: StaffProduct['analytics'];
  created_at: string;
  updated_at: string;
  published_at: string | null;
  /** The folded words of every searchable field (`searchTextOf` of the contract): search matches word starts in it. */
  search_text: string;
  /** The folded words of the name (`searchNameOf`): products matching here rank first. */
  search_name: string;
  /** `name:value` of every product and variant attribute: attribute filters and facets. */
  attr_pairs: string[];
  /** Units on hand over all variants. */
  total_stock: number;
  /**
   * Units taken by orders still holding them, by `reservationKeyOf(order, variant)`: written by
   * the stock changes only (with the units, atomically), carried along by every other write, never
   * sent to clients. Absent: none.
   */
  reservations?: Record<string, number>;
}

/** What a product claims for itself alone across the catalog: its slug, and its SKUs (its own and its variants'). */
export type ClaimKind = 'slug' | 'sku';

/**
 * A product's claim on a value that is unique across the catalog (every category, every status):
 * its slug (a shopper's link finds the product by it) or one of its SKUs. Found by kind and value
 * alone, so reading it and then the product it names are two point reads; creating a claim that
 * exists is a 409. Kinds never collide: a slug and a SKU of the same text are two claims.
 */
export interface ProductClaim {
  kind: ClaimKind;
  /** The slug, or the SKU as written (SKUs are compared exactly: case and all). */
  value: string;
  /** The product holding the value. */
  product_id: string;
  /** That product's category (also carried by its id). */
  category_slug: string;
  /** When the claim was made: a claim whose product never came to use it is given up after a while. */
  created_at: string;
}

export interface CategoryDocument extends Category {
  /** The slug. */
  id: string;
  doc_type: 'category';
}

export interface BannerDocument extends Banner {
  doc_type: 'banner';
}

/** The fields of a product a listing needs (the projection of listing queries). */
export type ProductSummaryRow = Pick<
  ProductDocument,
  'id' | 'name' | 'slug' | 'category_slug' | 'brand' | 'price' | 'images' | 'total_stock' | 'featured'
>;

/** The fields facets are computed from (one projection query). */
export type FacetRow = Pick<ProductDocument, 'brand' | 'price' | 'attr_pairs' | 'total_stock'>;

/** A document as storage answers it: with its version, which changes on every write (the ETag). */
export type Versioned<T> = T & { _etag: string };
