export enum PaymentMethod {
  Card = 'card',
  PayPal = 'paypal',
  Invoice = 'invoice',
}

export interface ShippingAddress {
  /** @minLength 1 @maxLength 200 */
  street: string;
  /** @minLength 1 @maxLength 100 */
  city: string;
  /** @pattern ^[A-Za-z0-9 -]{2,10}$ */
  postalCode: string;
  /** ISO 3166-1 alpha-2 country code. @pattern ^[A-Z]{2}$ */
  country: string;
}

export interface CreateOrderRequest {
  /** @pattern ^cart_[0-9a-f]{32}$ */
  cartId?: string | null;
  paymentMethod: PaymentMethod;
  shippingAddress: ShippingAddress;
}

export interface Order extends CreateOrderRequest {
  id: string;
  createdAt: Date;
  status: 'created';
  items: Array<{ productId: string; quantity: number }>;
}
