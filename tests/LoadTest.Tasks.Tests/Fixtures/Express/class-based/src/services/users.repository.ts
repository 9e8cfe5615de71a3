import { Service } from 'typedi';
import { UpdateUserDto } from '../dtos/users.dto';

@Service()
export class UserRepository {
  async update(id: number, changes: UpdateUserDto) { return { id, ...changes }; }
}
