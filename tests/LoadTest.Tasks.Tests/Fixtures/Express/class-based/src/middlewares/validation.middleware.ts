import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { RequestHandler } from 'express';

const validationMiddleware = (type: any, value: string | 'body' | 'query' | 'params' = 'body'): RequestHandler => {
  return (req, res, next) => {
    validate(plainToInstance(type, req[value])).then((errors: ValidationError[]) => {
      if (errors.length > 0) { res.status(400).json({ errors }); } else { next(); }
    });
  };
};
export default validationMiddleware;
