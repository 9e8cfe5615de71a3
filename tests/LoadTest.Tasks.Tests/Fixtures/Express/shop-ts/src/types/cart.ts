/** A clothing size. */
export type Size = 'S' | 'M' | 'L' | 'XL';

export interface AddToCartRequest {
  /**
   * The product to add.
   * @pattern ^prod_[0-9]+$
   * @example prod_42
   */
  productId: string;
  /**
   * @minimum 1
   * @maximum 10
   * @type integer
   */
  quantity: number;
  variant: Size;
  /** Free text for gift wrapping. @maxLength 200 */
  note?: string;
}
