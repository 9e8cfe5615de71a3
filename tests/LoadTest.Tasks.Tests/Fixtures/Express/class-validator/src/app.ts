import express, { Request, Response } from 'express';
import { validationMiddleware } from './validation';
import { CreateUserDto } from './dto/create-user.dto';

const app = express();

app.post('/users', validationMiddleware(CreateUserDto), (req: Request, res: Response) => {
  res.status(201).json(req.body);
});

export default app;
