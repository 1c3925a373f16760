/**
 * A variant sells at the product's price plus its `price_adjustment`; that effective price may not
 * be negative. Written once: the create schema checks it, and the core checks an update against
 * the product it would produce (a patch may change the price or the variants alone).
 */
export interface VariantPriceIssue {
  path: (string | number)[];
  message: string;
}

const cents = (amount: number) => Math.round(amount * 100);

/** The variants whose effective price (`price.amount + price_adjustment`) would be below zero. */
export function variantPriceIssues(
  price: { amount: number },
  variants: readonly { price_adjustment: number }[],
): VariantPriceIssue[] {
  const issues: VariantPriceIssue[] = [];
  variants.forEach((variant, index) => {
    if (cents(price.amount) + cents(variant.price_adjustment) < 0) {
      issues.push({
        path: ['variants', index, 'price_adjustment'],
        message: `the variant's price (price.amount + price_adjustment) would be below zero: at least ${-price.amount}`,
      });
    }
  });
  return issues;
}
