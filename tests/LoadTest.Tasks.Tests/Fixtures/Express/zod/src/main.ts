import express from 'express';
import signupRoutes from './routes/signup';

const app = express();
app.use('/accounts', signupRoutes);
export { app };
