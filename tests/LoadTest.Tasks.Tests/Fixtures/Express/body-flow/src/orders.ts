export interface OrderInput {
  /** @minimum 1 @maximum 5 */
  quantity: number;
  sku: 'A-1' | 'B-2';
}

export interface Shipping {
  street: string;
  city: string;
}

export interface SubscribeInput {
  email: string;
  plan: 'free' | 'pro';
}

export async function placeOrder(input: OrderInput) {
  return { id: 1, ...input };
}

export function rename({ first, last }) {
  return `${first} ${last}`;
}

export const subscribe = async (input: SubscribeInput) => ({ ...input, active: true });
