import { CreateUserDto, UpdateUserDto } from '../dtos/users.dto';
class UserService {
  public async findAllUser(page: number) { return []; }
  public async findUserById(id: number) { return { id }; }
  public async createUser(userData: CreateUserDto) { return { id: 1, ...userData }; }
  public async updateUser(id: number, userData: UpdateUserDto) { return { id, ...userData }; }
  public async deleteUser(id: number) { return; }
}
export default UserService;
