import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { RequestHandler } from 'express';

export function validationMiddleware(type: any): RequestHandler {
  return (req, res, next) => {
    validate(plainToInstance(type, req.body)).then(() => next());
  };
}
