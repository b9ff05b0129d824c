import { B, E, r, type SecretRule } from './secret-rule';

/** Payment and commerce. */
export const PAYMENT_RULES: readonly SecretRule[] = [
  r('stripe_key', `${B}((?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,99})${E}`, 0.95, 1),
  r(
    'square_token',
    `${B}((?:sq0(?:atp|csp|idp)-[A-Za-z0-9_-]{22,43})|(?:EAAA[A-Za-z0-9_-]{60}))${E}`,
    0.95,
    1,
  ),
  r('shopify_token', `${B}(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})${E}`, 0.95, 1),
  r(
    'shopify_domain_token',
    `(?<![A-Za-z])(?i:shopify)[\\w.-]{0,30}["']?[ \\t]*(?:[:?]{0,3}=>?|:)[ \\t]*["']?([a-f0-9]{32})${E}`,
    0.85,
    1,
  ),
  r('paypal_braintree', `${B}(access_token\\$production\\$[a-z0-9]{16}\\$[a-f0-9]{32})`, 0.95, 1),
];
