const express = require('express');
const { body, query, param, validationResult } = require('express-validator');

const app = express();

app.post(
  '/signup',
  body('email').isEmail().normalizeEmail(),
  body('password').isLength({ min: 8, max: 64 }),
  body('age').optional().isInt({ min: 18, max: 120 }),
  body('plan').isIn(['free', 'pro']),
  (req, res) => {
    const errors = validationResult(req);
    if (!errors.isEmpty()) {
      return res.status(422).json({ errors: errors.array() });
    }
    res.status(201).json({});
  },
);

app.get(
  '/users/:userId',
  [param('userId').isUUID(), query('expand').optional().isBoolean()],
  (req, res) => res.json({}),
);

module.exports = app;
