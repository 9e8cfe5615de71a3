import { Request, Response } from 'express';
import { AccountService } from './accounts.service';

// A TypeScript parameter property holds the service; handlers are an arrow property and a method bound at the route.
export class AccountsController {
  constructor(private readonly accounts: AccountService) {}

  register = async (req: Request, res: Response) => {
    const account = await this.accounts.create(req.body.user);
    res.status(201).json({ account });
  };

  async rename(req: Request, res: Response) {
    res.json(await this.accounts.rename(req.params.id, req.body));
  }
}
