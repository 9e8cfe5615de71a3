import { Express } from 'express';

/** Registered by a host we cannot see: its routes are still listed. */
export function registerAdmin(app: Express) {
  app.get('/admin/stats', (req, res) => res.json({}));
}
