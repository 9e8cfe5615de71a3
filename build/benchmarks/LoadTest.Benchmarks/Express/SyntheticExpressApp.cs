using System.Globalization;
using System.Text;

namespace LoadTest.Benchmarks.Express;

/// <summary>Writes a synthetic Express + TypeScript app: an app.ts mounting routers, each with its own types file.</summary>
public static class SyntheticExpressApp
{
    /// <summary>Creates <paramref name="fileCount"/> files (1 app, then router/types pairs) and returns the src folder.</summary>
    public static string Create(string root, int fileCount)
    {
        var src = Path.Combine(root, "src");
        Directory.CreateDirectory(Path.Combine(src, "routes"));
        Directory.CreateDirectory(Path.Combine(src, "types"));
        var modules = (fileCount - 1) / 2;
        var app = new StringBuilder("import express from 'express';\n");
        for (var i = 0; i < modules; i++)
        {
            app.Append(CultureInfo.InvariantCulture, $"import router{i} from './routes/r{i}';\n");
            File.WriteAllText(Path.Combine(src, "routes", $"r{i}.ts"), Router(i));
            File.WriteAllText(Path.Combine(src, "types", $"t{i}.ts"), Types(i));
        }

        app.Append("\nconst app = express();\napp.use(express.json());\n");
        for (var i = 0; i < modules; i++)
        {
            app.Append(CultureInfo.InvariantCulture, $"app.use('/api/res{i}', router{i});\n");
        }

        app.Append("export default app;\n");
        File.WriteAllText(Path.Combine(src, "app.ts"), app.ToString());
        if (fileCount % 2 == 0)
        {
            File.WriteAllText(Path.Combine(src, "extra.ts"), "export const unused = 1;\n");
        }

        return src;
    }

    private static string Router(int i) => $$"""
        import { Router, Request, Response } from 'express';
        import { z } from 'zod';
        import { Create{{i}}, Item{{i}} } from '../types/t{{i}}';

        const router = Router();

        const update{{i}} = z.object({
          name: z.string().min(1).max(80),
          count: z.number().int().min(0).max(1000),
          kind: z.enum(['a', 'b', 'c']),
        });

        router.get('/', (req: Request, res: Response) => {
          const { page, pageSize } = req.query;
          res.json([]);
        });

        router.post('/', async (req: Request<{}, Item{{i}}, Create{{i}}>, res: Response) => {
          res.status(201).json({});
        });

        router.get('/:id', (req, res) => res.json({}));

        router.put('/:id', (req, res) => {
          const body = update{{i}}.parse(req.body);
          res.json(body);
        });

        router.delete('/:id', (req, res) => res.sendStatus(204));

        export default router;
        """;

    private static string Types(int i) => $$"""
        /** A thing number {{i}}. */
        export interface Create{{i}} {
          /** @minLength 1 @maxLength 100 */
          name: string;
          /** @minimum 1 @maximum 10 */
          quantity: number;
          size: 'S' | 'M' | 'L' | 'XL';
          tags?: string[];
          address: { street: string; zip: string };
        }

        export interface Item{{i}} extends Create{{i}} {
          id: string;
          createdAt: Date;
        }
        """;
}
