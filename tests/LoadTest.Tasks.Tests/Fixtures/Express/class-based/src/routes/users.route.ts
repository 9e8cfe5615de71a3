import { Router } from 'express';
import UsersController from '../controllers/users.controller';
import { CreateUserDto } from '../dtos/users.dto';
import { Routes } from './routes.interface';
import validationMiddleware from '../middlewares/validation.middleware';
import { asyncHandler } from '../utils/async-handler';

class UsersRoute implements Routes {
  public path = '/users';
  public router = Router();
  public usersController = new UsersController();

  constructor() {
    this.initializeRoutes();
  }

  private initializeRoutes() {
    this.router.get(`${this.path}`, this.usersController.getUsers);
    this.router.get(`${this.path}/:id`, this.usersController.getUserById);
    this.router.post(`${this.path}`, validationMiddleware(CreateUserDto, 'body'), this.usersController.createUser);
    this.router.put(`${this.path}/:id`, asyncHandler(this.usersController.updateUser));
    this.router.delete(`${this.path}/:id`, (req, res) => this.usersController.deleteUser(req, res));
  }
}

export default UsersRoute;
