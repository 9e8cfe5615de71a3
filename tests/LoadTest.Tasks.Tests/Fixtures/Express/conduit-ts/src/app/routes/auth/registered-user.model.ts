export interface RegisteredUser {
  email: string;
  username: string;
  bio: string | null;
  image: string | null;
  token: string;
}
