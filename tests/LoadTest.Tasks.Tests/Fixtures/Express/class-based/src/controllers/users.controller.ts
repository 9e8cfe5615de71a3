import { NextFunction, Request, Response } from 'express';
import { Container } from 'typedi';
import { CreateUserDto, UpdateUserDto } from '../dtos/users.dto';
import UserService from '../services/users.service';
import { BaseController } from './base.controller';

class UsersController extends BaseController {
  // As the starter does: the typedi container builds the service and injects its repository by type.
  public userService = Container.get(UserService);

  public getUsers = async (req: Request, res: Response, next: NextFunction) => {
    const page = Number(req.query.page);
    res.status(200).json({ data: await this.userService.findAllUser(page) });
  };

  public getUserById = async (req: Request, res: Response) => {
    res.status(200).json({ data: await this.userService.findUserById(Number(req.params.id)) });
  };

  public createUser = async (req: Request, res: Response, next: NextFunction) => {
    const userData: CreateUserDto = req.body;
    const created = await this.userService.createUser(userData);
    this.created(res, created);
  };

  async updateUser(req: Request, res: Response) {
    const updated = await this.userService.updateUser(Number(req.params.id), req.body);
    res.status(200).json({ data: updated });
  }

  async deleteUser(req: Request, res: Response) {
    await this.userService.deleteUser(Number(req.params.id));
    res.status(204).end();
  }
}

export default UsersController;
