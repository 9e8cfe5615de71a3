import { Router, Request, Response } from 'express';
import { LoginRequest, LoginResponse } from '../types';

const router = Router();

router.post('/login', async (req: Request<{}, LoginResponse, LoginRequest>, res: Response) => {
  const { email, password } = req.body;
  if (!email || !password) {
    return res.status(400).json({ error: 'missing credentials' });
  }
  res.json({ token: 'jwt', expiresIn: 3600 });
});

export default router;
