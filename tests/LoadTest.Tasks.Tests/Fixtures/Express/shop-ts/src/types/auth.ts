export interface LoginRequest {
  /** @minLength 1 @maxLength 100 @example loadtest */
  username: string;
  /** @format password @minLength 1 @maxLength 200 */
  password: string;
}

export interface LoginResponse {
  token: string;
  tokenType: 'Bearer';
  expiresIn: number;
}
