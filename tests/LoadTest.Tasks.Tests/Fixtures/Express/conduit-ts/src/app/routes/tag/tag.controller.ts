import { NextFunction, Request, Response, Router } from 'express';
import auth from '../auth/auth';
import { getTags, importTags } from './tag.service';

const router = Router();

router.get('/tags', auth.optional, async (req: Request, res: Response, next: NextFunction) => {
  try {
    const tags = await getTags(req.auth?.user?.id);
    res.json({ tags });
  } catch (error) {
    next(error);
  }
});

router.post('/tags/import', auth.required, async (req: Request, res: Response, next: NextFunction) => {
  try {
    const tags = await importTags(req.body.tags, req.auth?.user?.id);
    res.json({ tags });
  } catch (error) {
    next(error);
  }
});

export default router;
