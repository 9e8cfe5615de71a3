import { Router } from 'express';
import type { Request, Response } from 'express';
import { authenticate } from '../middleware/auth';
import { AddToCartRequest } from '../types';

const router = Router();

router.post('/add', authenticate, async (req: Request, res: Response) => {
  const item = req.body as AddToCartRequest;
  const cartId = req.query.cartId ?? 'cart_new';
  res.status(200).json({ cartId, item });
});

export default router;
