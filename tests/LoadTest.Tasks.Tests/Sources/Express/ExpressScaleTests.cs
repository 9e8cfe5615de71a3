using System.Text;
using LoadTest.Tasks.Sources.Express;

namespace LoadTest.Tasks.Tests.Sources.Express;

/// <summary>A 200-file app (99 routers of 5 routes, 99 type files, one app.ts) is read completely.</summary>
public sealed class ExpressScaleTests
{
    [Fact]
    public void A_200_file_app_is_read_completely()
    {
        var root = Path.Combine(Path.GetTempPath(), "lt-express-scale-" + Guid.NewGuid().ToString("N"));
        try
        {
            var src = Generate(root, routers: 99);
            Assert.Equal(199, Directory.GetFiles(src, "*.ts", SearchOption.AllDirectories).Length);
            var reader = new ExpressSourceReader();
            var result = reader.Read(src);

            Assert.Empty(result.Diagnostics);
            Assert.Equal(99 * 5, result.Model!.Operations.Count);
            var post = result.Model.Op("POST", "/api/res42");
            Assert.Equal(["name", "quantity", "size"], result.Model.Body(post).Required.Order());
            // Speed is measured by the benchmark (build/benchmarks, ExpressReaderBenchmarks), not asserted here.
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Generate(string root, int routers)
    {
        var src = Path.Combine(root, "src");
        Directory.CreateDirectory(Path.Combine(src, "routes"));
        Directory.CreateDirectory(Path.Combine(src, "types"));
        var app = new StringBuilder("import express from 'express';\nconst app = express();\n");
        for (var i = 0; i < routers; i++)
        {
            app.Append($"import r{i} from './routes/r{i}';\napp.use('/api/res{i}', r{i});\n");
            File.WriteAllText(Path.Combine(src, "routes", $"r{i}.ts"), $$"""
                import { Router, Request } from 'express';
                import { z } from 'zod';
                import { Create{{i}} } from '../types/t{{i}}';
                const router = Router();
                const update = z.object({ name: z.string().min(1), kind: z.enum(['a', 'b']) });
                router.get('/', (req, res) => { const { page } = req.query; res.json([]); });
                router.post('/', (req: Request<{}, {}, Create{{i}}>, res) => res.status(201).json({}));
                router.get('/:id', (req, res) => res.json({}));
                router.put('/:id', (req, res) => res.json(update.parse(req.body)));
                router.delete('/:id', (req, res) => res.sendStatus(204));
                export default router;
                """);
            File.WriteAllText(Path.Combine(src, "types", $"t{i}.ts"), $$"""
                export interface Create{{i}} {
                  /** @minLength 1 @maxLength 100 */
                  name: string;
                  /** @minimum 1 @maximum 10 */
                  quantity: number;
                  size: 'S' | 'M' | 'L' | 'XL';
                  tags?: string[];
                }
                """);
        }

        app.Append("export default app;\n");
        File.WriteAllText(Path.Combine(src, "app.ts"), app.ToString());
        return src;
    }
}
