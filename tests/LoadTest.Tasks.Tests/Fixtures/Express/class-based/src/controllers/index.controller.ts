import { NextFunction, Request, Response } from 'express';
class IndexController {
  public index = (req: Request, res: Response, next: NextFunction) => {
    res.sendStatus(200);
  };
}
export default IndexController;
