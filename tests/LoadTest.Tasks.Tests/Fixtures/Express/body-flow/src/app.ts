import express, { Request, Response } from 'express';
import { placeOrder, rename, Shipping, subscribe } from './orders';

const app = express();
app.use(express.json());

// A destructured member handed on: { order: OrderInput }
app.post('/orders', async (req: Request, res: Response) => {
  const { order } = req.body;
  const created = await placeOrder(order);
  res.status(201).json(created);
});

// A typed local and a cast on members: { shipping: Shipping, note: string }
app.put('/orders/:id/shipping', (req: Request, res: Response) => {
  const shipping: Shipping = req.body.shipping;
  const note = req.body.note as string;
  res.json({ shipping, note });
});

// A destructuring parameter of an untyped function: { profile: { first, last } }
app.patch('/profile', (req: Request, res: Response) => {
  res.json(rename(req.body.profile));
});

// The whole body handed to a typed function: SubscribeInput itself
app.post('/subscriptions', async (req: Request, res: Response) => {
  res.status(201).json(await subscribe(req.body));
});

export default app;
