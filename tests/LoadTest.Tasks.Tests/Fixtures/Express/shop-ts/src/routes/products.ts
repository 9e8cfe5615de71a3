import express from 'express';

const router = express.Router();

// GET /api/products?category=shirts&page=2
router.get('/', (req, res) => {
  const { category, page } = req.query;
  const limit = req.query.limit;
  res.json({ items: [], category, page, limit });
});

export default router;
