import { NextFunction, Request, Response } from 'express';
const errorMiddleware = (error: any, req: Request, res: Response, next: NextFunction) => {
  res.status(error.status || 500).json({ message: error.message });
};
export default errorMiddleware;
