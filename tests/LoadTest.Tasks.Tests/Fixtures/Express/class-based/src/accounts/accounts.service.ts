export interface RegisterInput { email: string; username: string; password: string }
export interface RenameInput { username: string }
export class AccountService {
  async create(input: RegisterInput) { return { id: 1, ...input }; }
  async rename(id: string, input: RenameInput) { return { id, ...input }; }
}
