import express, { Router } from 'express';
import makeCommentsRouter from './comments';
import { missing } from './does-not-exist';

const app = express();
const V2 = '/v2';

enum Prefix {
  Files = '/files',
}

app.get('/items/:itemId(\\d+)', (req, res) => res.json({}));
app.get('/archive/:year/:month?', (req, res) => res.json({}));
app.get(`${V2}/reports{/:reportId}`, (req, res) => res.json({}));
app.get(`${Prefix.Files}/{*filePath}`, (req, res) => res.send(''));
app.delete('/legacy/*', (req, res) => res.sendStatus(204));

const posts = Router();
posts.get('/', (req, res) => res.json([]));
posts.use('/:postId/comments', makeCommentsRouter());
app.use('/posts', posts);

app.get(process.env.DYNAMIC_ROUTE, (req, res) => res.json({}));
app.post(/^\/regex\/.*/, (req, res) => res.json({}));
app.use('/missing', missing);

export default app;

import registerHealth from './health';
registerHealth(app);
