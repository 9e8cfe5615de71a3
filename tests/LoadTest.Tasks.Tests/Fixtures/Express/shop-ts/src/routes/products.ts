import express from 'express';

const router = express.Router();

// GET /api/products?page=2&pageSize=20
router.get('/', (req, res) => {
  const { page } = req.query;
  const pageSize = req.query.pageSize;
  res.json({ items: [], page, pageSize });
});

export default router;
