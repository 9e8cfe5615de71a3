import { Service } from 'typedi';
import { UpdateUserDto } from '../dtos/users.dto';

@Service()
export class UserRepository {
  // An overload signature first: the implementation below is the one followed.
  async update(id: string, changes: unknown): Promise<unknown>;
  async update(id: number, changes: UpdateUserDto) { return { id, ...changes }; }
}
