import { Router } from 'express';

export default function makeCommentsRouter() {
  const router = Router({ mergeParams: true });
  router.get('/', (req, res) => res.json([]));
  router.post('/:commentId/replies', (req, res) => res.status(201).json({}));
  return router;
}
