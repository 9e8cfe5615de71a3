import { RegisterInput } from './register-input.model';
import { RegisteredUser } from './registered-user.model';

export const createUser = async (input: RegisterInput): Promise<RegisteredUser> => {
  const email = input.email?.trim();
  const username = input.username?.trim();
  const password = input.password?.trim();
  return { email, username, token: 'jwt', bio: null, image: null };
};

export const login = async (userPayload: any) => {
  const email = userPayload.email?.trim();
  const password = userPayload.password?.trim();
  return { email, token: 'jwt' };
};

export const getCurrentUser = async (id: number) => {
  return { id };
};

export const updateUser = async (userPayload: any, id: number) => {
  const { email, username, password, image, bio } = userPayload;
  return { email, username, image, bio, id, password: undefined };
};
