export interface LoginRequest {
  /** @format email @example shopper@example.com */
  email: string;
  /** @minLength 8 */
  password: string;
}

export interface LoginResponse {
  token: string;
  expiresIn: number;
}
