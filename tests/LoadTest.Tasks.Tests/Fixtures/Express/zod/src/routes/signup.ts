import { Router } from 'express';
import { z } from 'zod';
import { validate, validateBody } from '../middleware/validate';
import { signupSchema, updateSchema, SignupInput } from '../schemas/signup';

const router = Router();

router.post('/signup', validateBody(signupSchema), (req, res) => {
  res.status(201).json({ ok: true });
});

router.patch('/:accountId', validate(updateSchema), (req, res) => res.json({}));

const inviteSchema = z.object({ emails: z.array(z.string().email()).nonempty(), role: z.literal('member') });
router.post('/invite', (req, res) => {
  const parsed = inviteSchema.safeParse(req.body);
  res.json(parsed);
});

router.put('/profile', (req, res) => {
  const input = req.body as SignupInput;
  res.json(input);
});

export default router;
