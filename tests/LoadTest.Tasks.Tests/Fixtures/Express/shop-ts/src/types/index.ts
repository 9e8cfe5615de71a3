export * from './auth';
export * from './cart';
export type { Order, CreateOrderRequest, ShippingAddress } from './order';
export { PaymentMethod } from './order';
