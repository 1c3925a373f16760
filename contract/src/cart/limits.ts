/** Most units of one variant a cart may hold (one line). Above it a request is refused. */
export const MAX_LINE_QUANTITY = 99;

/** Most lines (distinct variants) one cart may hold. */
export const MAX_CART_LINES = 50;

const DAY_SECONDS = 24 * 3600;

/** A guest's cart expires 14 days after its last change (Cosmos DB `ttl`, renewed on every write). */
export const GUEST_CART_TTL_SECONDS = 14 * DAY_SECONDS;

/** A customer's cart expires 90 days after its last change. */
export const CUSTOMER_CART_TTL_SECONDS = 90 * DAY_SECONDS;

/** The currency of an empty cart (the catalog's). */
export const DEFAULT_CART_CURRENCY = 'USD';
