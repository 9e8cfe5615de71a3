import { z } from 'zod';

export const Plan = z.enum(['free', 'pro', 'enterprise']);

export const signupSchema = z.object({
  email: z.string().email(),
  password: z.string().min(8).max(64),
  age: z.number().int().min(18).max(120).optional(),
  plan: Plan.default('free'),
  tags: z.array(z.string().max(20)).max(5),
  referral: z.string().regex(/^ref_[a-z0-9]+$/).nullable(),
});

export type SignupInput = z.infer<typeof signupSchema>;

export const updateSchema = z.object({
  params: z.object({ accountId: z.string().uuid() }),
  query: z.object({ dryRun: z.coerce.boolean().optional() }),
  body: signupSchema.partial(),
});
