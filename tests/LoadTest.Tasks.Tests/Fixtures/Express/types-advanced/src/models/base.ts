export interface Entity {
  readonly id: string;
  createdAt: Date;
}

export enum Tier {
  Bronze = 1,
  Silver,
  Gold = 10,
}
