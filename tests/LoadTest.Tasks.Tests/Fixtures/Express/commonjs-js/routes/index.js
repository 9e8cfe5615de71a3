const { Router } = require('express');
const { apiPrefix } = require('../config');
const users = require('./users');
const books = require('./books').default;

module.exports = function registerRoutes(app) {
  const api = Router();
  api.use('/users', users);
  api.use(['/books', '/library'], books);
  app.use(apiPrefix, api);
  app.get('/health', (req, res) => res.send('ok'));
};
