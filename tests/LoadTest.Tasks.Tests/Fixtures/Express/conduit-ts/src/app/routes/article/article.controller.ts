import { NextFunction, Request, Response, Router } from 'express';
import auth from '../auth/auth';
import {
  addComment,
  createArticle,
  deleteArticle,
  favoriteArticle,
  getArticle,
  getArticles,
  updateArticle,
} from './article.service';

const router = Router();

router.get('/articles', auth.optional, async (req: Request, res: Response, next: NextFunction) => {
  try {
    const result = await getArticles(req.query, req.auth?.user?.id);
    res.json(result);
  } catch (error) {
    next(error);
  }
});

router.post('/articles', auth.required, async (req: Request, res: Response, next: NextFunction) => {
  try {
    const article = await createArticle(req.body.article, req.auth?.user?.id as number);
    res.status(201).json({ article });
  } catch (error) {
    next(error);
  }
});

router.get('/articles/:slug', auth.optional, async (req: Request, res: Response, next: NextFunction) => {
  try {
    const article = await getArticle(req.params.slug, req.auth?.user?.id as number);
    res.json({ article });
  } catch (error) {
    next(error);
  }
});

router.put('/articles/:slug', auth.required, async (req: Request, res: Response, next: NextFunction) => {
  try {
    const article = await updateArticle(req.body.article, req.params.slug, req.auth?.user?.id as number);
    res.json({ article });
  } catch (error) {
    next(error);
  }
});

router.delete('/articles/:slug', auth.required, async (req: Request, res: Response, next: NextFunction) => {
  try {
    await deleteArticle(req.params.slug, req.auth?.user?.id as number);
    res.sendStatus(204);
  } catch (error) {
    next(error);
  }
});

router.post('/articles/:slug/comments', auth.required, async (req: Request, res: Response, next: NextFunction) => {
  try {
    const comment = await addComment(req.body.comment.body, req.params.slug, req.auth?.user?.id as number);
    res.json({ comment });
  } catch (error) {
    next(error);
  }
});

router.post('/articles/:slug/favorite', auth.required, async (req: Request, res: Response, next: NextFunction) => {
  try {
    const article = await favoriteArticle(req.params.slug, req.auth?.user?.id as number);
    res.json({ article });
  } catch (error) {
    next(error);
  }
});

export default router;
