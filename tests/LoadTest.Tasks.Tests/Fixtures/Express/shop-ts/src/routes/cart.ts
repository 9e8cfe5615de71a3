import { Router } from 'express';
import type { Request, Response } from 'express';
import { authenticate } from '../middleware/auth';
import { AddToCartRequest } from '../types';

const router = Router();

router.post('/add', authenticate, async (req: Request, res: Response) => {
  const item = req.body as AddToCartRequest;
  res.status(201).json({ ok: true, item });
});

export default router;
