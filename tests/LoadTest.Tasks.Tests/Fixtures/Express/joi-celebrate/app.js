import express from 'express';
import { celebrate, Joi, Segments } from 'celebrate';

const app = express();

const productSchema = Joi.object({
  name: Joi.string().min(2).max(100).required(),
  price: Joi.number().precision(2).greater(0).required(),
  currency: Joi.string().valid('EUR', 'USD', 'GBP').default('EUR'),
  sku: Joi.string().pattern(/^[A-Z]{3}-[0-9]{4}$/).required(),
  tags: Joi.array().items(Joi.string()).max(10),
  stock: Joi.number().integer().min(0),
});

app.post('/products', celebrate({ [Segments.BODY]: productSchema }), (req, res) => res.status(201).json(req.body));

app.get(
  '/products',
  celebrate({
    [Segments.QUERY]: Joi.object().keys({
      q: Joi.string().required(),
      limit: Joi.number().integer().max(100),
    }),
  }),
  (req, res) => res.json([]),
);

export default app;
