/** The guides in reading order (getting-started.md ends with this order): file, sidebar tag. */
export const GUIDES = [
  ['getting-started.md', 'Getting started'],
  ['authentication.md', 'Authentication and roles'],
  ['errors.md', 'Errors'],
  ['pagination.md', 'Pagination'],
  ['caching.md', 'Caching and concurrency'],
  ['events.md', 'Events'],
  ['promotions.md', 'Promo codes'],
  ['cart.md', 'Shopping cart'],
  ['checkout.md', 'Checkout and payments'],
  ['idempotency.md', 'Idempotency keys'],
] as const;
