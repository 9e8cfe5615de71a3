import express from 'express';
import authRouter from './routes/auth';
import productsRouter from './routes/products';
import cartRouter from './routes/cart';
import { ordersRouter } from './routes/orders';

const API_PREFIX = '/api';

const app = express();
app.use(express.json());

app.use(`${API_PREFIX}/auth`, authRouter);
app.use(API_PREFIX + '/products', productsRouter);
app.use('/api/cart', cartRouter);
app.use('/api/orders', ordersRouter);

app.get('/health', (_req, res) => res.json({ status: 'ok' }));
app.get('/metrics', (_req, res) => res.type('text/plain').send(''));

export default app;
