import { Response } from 'express';
export abstract class BaseController {
  protected created(res: Response, data: unknown) {
    res.status(201).json({ data });
  }
}
