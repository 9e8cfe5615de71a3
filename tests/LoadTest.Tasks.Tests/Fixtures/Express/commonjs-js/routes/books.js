const express = require('express');
const router = express.Router({ mergeParams: true });

router.get(['/', '/all'], (req, res) => {
  const page = req.query.page;
  res.json([]);
});

exports.default = router;
