import type { Express } from 'express';

export default (app: Express) => {
  app.get('/healthz', (_req, res) => res.send('ok'));
};
