import { Entity, Tier } from './base';

export interface Customer extends Entity {
  name: string;
  /** @format email */
  email: string;
  tier: Tier;
  tags: Array<string>;
  scores: number[];
  metadata: Record<string, string>;
  nickname?: string;
  birthday: Date | undefined;
}

export type CustomerPatch = Partial<Omit<Customer, 'id' | 'createdAt'>>;

export type CustomerSummary = Pick<Customer, 'id' | 'name'> & { total: number };

export interface Tree {
  label: string;
  children: Tree[];
}

export type Coordinates = [number, number];

export type Settings = Required<{ theme?: 'light' | 'dark'; pageSize?: 10 | 20 | 50 }>;

type Money = { amount: number; currency: 'EUR' | 'USD' };
export type Invoice = { lines: { sku: string; price: Money }[]; due: Date } & { paid: boolean };
