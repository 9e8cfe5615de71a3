using System.Globalization;
using System.Text.Json.Nodes;
using LoadTest.Tasks.Sources.Express.Syntax;

namespace LoadTest.Tasks.Sources.Express.Schemas;

/// <summary>Literal syntax (numbers, strings, booleans) as JSON values and numbers.</summary>
internal static class TsLiterals
{
    public static JsonNode? Number(string raw)
    {
        if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (raw.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(raw.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }

        return decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : null;
    }

    public static decimal? Decimal(TsExpr? expr) => expr switch
    {
        NumberExpr n when decimal.TryParse(n.Raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        UnaryExpr { Operator: "-", Operand: NumberExpr n } when decimal.TryParse(n.Raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => -d,
        _ => null,
    };

    public static int? Int(TsExpr? expr) => Decimal(expr) is { } d && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d : null;

    /// <summary>The JSON value of a literal expression; false when <paramref name="expr"/> is not a literal.</summary>
    public static bool TryJson(TsExpr expr, out JsonNode? value)
    {
        switch (expr)
        {
            case StringExpr s:
                value = JsonValue.Create(s.Value);
                return true;
            case TemplateExpr { Substitutions.Count: 0 } t:
                value = JsonValue.Create(t.Quasis[0]);
                return true;
            case NumberExpr n:
                value = Number(n.Raw);
                return value is not null;
            case UnaryExpr { Operator: "-", Operand: NumberExpr n }:
                value = Number("-" + n.Raw);
                return value is not null;
            case KeywordExpr { Word: "true" or "false" } k:
                value = JsonValue.Create(k.Word == "true");
                return true;
            case KeywordExpr { Word: "null" }:
                value = null;
                return true;
            case ArrayExpr array:
            {
                var json = new JsonArray();
                foreach (var element in array.Elements)
                {
                    if (!TryJson(element, out var item))
                    {
                        value = null;
                        return false;
                    }

                    json.Add(item);
                }

                value = json;
                return true;
            }
            case ObjectExpr obj:
            {
                var json = new JsonObject();
                foreach (var property in obj.Properties)
                {
                    if (property.Key is null || property.Key == "..." || !TryJson(property.Value, out var item))
                    {
                        value = null;
                        return false;
                    }

                    json[property.Key] = item;
                }

                value = json;
                return true;
            }
            default:
                value = null;
                return false;
        }
    }
}
