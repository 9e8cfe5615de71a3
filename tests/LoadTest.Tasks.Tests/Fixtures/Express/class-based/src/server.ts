import App from './app';
import IndexRoute from './routes/index.route';
import UsersRoute from './routes/users.route';
import { accountsRouter } from './accounts/accounts.router';

// The layout of the typescript-express-starter: route classes registered by an App class, controllers and services as classes.
const app = new App([new IndexRoute(), new UsersRoute()]);
app.app.use('/api', accountsRouter);
app.listen();
