import { Size } from './cart';

export enum PaymentMethod {
  Card = 'card',
  PayPal = 'paypal',
  Invoice = 'invoice',
}

export interface Address {
  street: string;
  city: string;
  /** @pattern ^[0-9]{5}$ */
  zip: string;
  country?: string;
}

export interface OrderLine {
  productId: string;
  /** @minimum 1 */
  quantity: number;
  variant?: Size;
}

export interface CreateOrderRequest {
  shippingAddress: Address;
  paymentMethod: PaymentMethod;
  lines?: OrderLine[];
  couponCode?: string | null;
}

export interface Order extends CreateOrderRequest {
  id: string;
  createdAt: Date;
  status: 'pending' | 'paid' | 'shipped';
}
