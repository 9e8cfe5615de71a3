import { Router } from 'express';
import { AccountsController } from './accounts.controller';
import { AccountService } from './accounts.service';

const controller = new AccountsController(new AccountService());
export const accountsRouter = Router();
accountsRouter.post('/accounts', controller.register);
accountsRouter.patch('/accounts/:id', controller.rename.bind(controller));
