using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmartTrade.Sdk.Markets;

namespace SmartTrade.Samples.MouldMarket.Market;

/// <summary>
/// <c>GET /api/v1/moulds/import-template.csv</c>: a CSV template for listing moulds in bulk, a header row and
/// one example row. The attribute columns come from the market's descriptor, so the template follows the schema.
/// </summary>
public static class GetMouldImportTemplate
{
    private const string FileName = "mould-import-template.csv";

    /// <summary>The listing columns every row has before the market's attributes.</summary>
    private static readonly (string Column, string Example)[] ListingColumns =
    [
        ("titleZhCn", "汽车门板注塑模具 1+1 腔"),
        ("titleEn", "Car door-panel injection mould, 1+1 cavities"),
        ("category", "automotive"),
        ("priceFen", "38000000"),
        ("unit", "set"),
        ("stock", "1"),
    ];

    /// <summary>Example values of the mould attributes; any other attribute gets one made from its type.</summary>
    private static readonly Dictionary<string, string> AttributeExamples = new(StringComparer.Ordinal)
    {
        ["mouldType"] = "injection",
        ["cavities"] = "2",
        ["steelGrade"] = "718H",
        ["mouldLifeShots"] = "500000",
        ["hotRunner"] = "true",
        ["leadTimeDays"] = "60",
        ["maxPartWeightGrams"] = "2400",
    };

    /// <summary>Maps the endpoint.</summary>
    /// <param name="endpoints">The plugin's route builder.</param>
    public static IEndpointRouteBuilder MapMouldImportTemplate(this IEndpointRouteBuilder endpoints)
    {
        // The schema is fixed for the life of the plugin, so the template is built once.
        var template = Build(MouldMarketDescriptor.Create());
        endpoints.MapGet("/api/v1/moulds/import-template.csv", () => Handle(template))
            .WithTags("Mould market")
            .WithName("GetMouldImportTemplate")
            .WithSummary("Downloads the CSV template for bulk-listing moulds")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return endpoints;
    }

    private static FileContentHttpResult Handle(byte[] template) =>
        TypedResults.File(template, "text/csv; charset=utf-8", FileName);

    /// <summary>Writes the header and the example row; UTF-8 with a byte order mark so spreadsheets read the Chinese title.</summary>
    /// <param name="market">The market whose attributes become columns.</param>
    public static byte[] Build(MarketDescriptor market)
    {
        ArgumentNullException.ThrowIfNull(market);
        using var output = new MemoryStream();
        using (var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var (column, _) in ListingColumns)
            {
                csv.WriteField(column);
            }

            foreach (var attribute in market.Attributes)
            {
                csv.WriteField(attribute.Key);
            }

            csv.NextRecord();

            foreach (var (_, example) in ListingColumns)
            {
                csv.WriteField(example);
            }

            foreach (var attribute in market.Attributes)
            {
                csv.WriteField(AttributeExamples.TryGetValue(attribute.Key, out var example) ? example : ExampleOf(attribute));
            }

            csv.NextRecord();
        }

        return output.ToArray();
    }

    private static string ExampleOf(AttributeDefinition attribute) => attribute.Type switch
    {
        AttributeType.Integer => (attribute.Min ?? 1).ToString(CultureInfo.InvariantCulture),
        AttributeType.Boolean => "false",
        AttributeType.Date => "2025-01-01",
        AttributeType.Choice or AttributeType.MultiChoice when attribute.AllowedValues.Count > 0 => attribute.AllowedValues[0].Code,
        _ => string.Empty,
    };
}
