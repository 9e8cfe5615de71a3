import express, { Request, Response } from 'express';
import type { Customer, CustomerPatch, CustomerSummary, Tree, Coordinates, Settings, Invoice } from './models/customer';

type TypedRequest<T> = Request<{}, {}, T>;

const app = express();

app.post('/customers', (req: Request<{}, {}, Customer>, res: Response) => res.json({}));
app.patch('/customers/:id', (req: TypedRequest<CustomerPatch>, res: Response) => res.json({}));
app.post('/summaries', (req: Request<{}, {}, CustomerSummary>, res: Response) => res.json({}));
app.post('/trees', (req: Request<{}, {}, Tree>, res: Response) => res.json({}));
app.post('/coords', (req: Request<{}, {}, Coordinates>, res: Response) => res.json({}));
app.put('/settings', (req: Request<{}, {}, Settings>, res: Response) => res.json({}));
app.post('/invoices', (req: Request<{}, {}, Invoice>, res: Response) => res.json({}));
app.post('/unknown', (req: Request<{}, {}, NotDeclaredAnywhere>, res: Response) => res.json({}));

export default app;
