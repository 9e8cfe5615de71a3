import { Router, Request, Response } from 'express';
import { authenticate } from '../middleware/auth';
import * as types from '../types';

export const ordersRouter = Router();

ordersRouter.use(authenticate);

ordersRouter.post('/create', async (req: Request, res: Response) => {
  const body: types.CreateOrderRequest = req.body;
  res.status(201).json({ id: 'ord_1', ...body });
});

ordersRouter.get('/:id', async (req: Request<{ id: string }, types.Order>, res: Response) => {
  const found = req.params.id;
  if (!found) {
    return res.sendStatus(404);
  }
  res.json({ id: found });
});
