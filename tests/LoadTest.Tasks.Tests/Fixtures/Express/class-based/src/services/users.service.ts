import { Service } from 'typedi';
import { CreateUserDto } from '../dtos/users.dto';
import { UserRepository } from './users.repository';

@Service()
class UserService {
  constructor(private readonly repository: UserRepository) {}

  public async findAllUser(page: number) { return []; }
  public async findUserById(id: number) { return { id }; }
  public async createUser(userData: CreateUserDto) { return { id: 1, ...userData }; }
  // Untyped here: the shape comes from the repository the container injected.
  public async updateUser(id: number, changes) { return this.repository.update(id, changes); }
  public async deleteUser(id: number) { return; }
}
export default UserService;
