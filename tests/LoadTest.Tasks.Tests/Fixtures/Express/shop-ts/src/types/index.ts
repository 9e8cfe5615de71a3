export * from './auth';
export * from './cart';
export type { Order, CreateOrderRequest, Address, OrderLine } from './order';
export { PaymentMethod } from './order';
