'use strict';
const express = require('express');
const config = require('./config');
const registerRoutes = require('./routes');

const app = express();
app.use(express.json());
registerRoutes(app);
app.listen(config.port);
