import { Router } from 'express';

const orphan = Router();
orphan.get('/orphaned', (req, res) => res.json({}));

export default orphan;
