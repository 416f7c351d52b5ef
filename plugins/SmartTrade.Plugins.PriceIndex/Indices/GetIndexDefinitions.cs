using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Problems;

namespace SmartTrade.Plugins.PriceIndex.Indices;

/// <summary>
/// <c>GET /api/v1/index/definitions</c>: the index definitions as JSON, or as CSV when asked by
/// <c>?format=csv</c> or <c>Accept: text/csv</c>. The query parameter wins over the header.
/// </summary>
public static class GetIndexDefinitions
{
    private const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>Maps the endpoint.</summary>
    /// <param name="endpoints">The plugin's route builder.</param>
    public static IEndpointRouteBuilder MapIndexDefinitions(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/index/definitions", Handle)
            .WithTags("Price index")
            .WithName("GetPriceIndexDefinitions")
            .WithSummary("Lists the plastics price index definitions")
            .WithDescription("Codes, names, constituents, base value and date, and publication windows of every 中塑 index. JSON by default; CSV with ?format=csv or Accept: text/csv.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        return endpoints;
    }

    /// <summary>Answers the request in the format asked for.</summary>
    /// <param name="format"><c>json</c> or <c>csv</c>; when absent the <c>Accept</c> header decides.</param>
    /// <param name="request">The request, for its <c>Accept</c> header.</param>
    public static Results<Ok<IReadOnlyList<IndexDefinition>>, FileContentHttpResult, ValidationProblem> Handle(
        string? format,
        HttpRequest request)
    {
        var wantsCsv = string.IsNullOrEmpty(format) ? AcceptsCsv(request) : (bool?)null;
        if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            wantsCsv = true;
        }
        else if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            wantsCsv = false;
        }

        if (wantsCsv is null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["format"] = [$"Unknown format '{format}'. Use 'json' or 'csv'."] },
                title: "The request is invalid.",
                type: ProblemTypes.Validation);
        }

        return wantsCsv.Value
            ? TypedResults.Bytes(ToCsv(PlasticsPriceIndices.All), CsvContentType)
            : TypedResults.Ok(PlasticsPriceIndices.All);
    }

    /// <summary>Whether the client prefers CSV to JSON; the highest-quality media type it names decides.</summary>
    internal static bool AcceptsCsv(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        var best = accept
            .Where(media => media.Quality is not 0)
            .OrderByDescending(media => media.Quality ?? 1)
            .FirstOrDefault(media =>
                media.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)
                || media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || media.MediaType.Equals("*/*", StringComparison.Ordinal));
        return best is not null && best.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase);
    }

    private static readonly string[] CsvColumns =
    [
        "code", "nameZhCn", "nameEn", "kind", "polymers", "constituents",
        "baseValue", "baseDate", "publicationTimes", "timeZone", "methodologyVersion",
    ];

    /// <summary>One CSV record per index; list values are joined with <c>;</c>.</summary>
    private static byte[] ToCsv(IReadOnlyList<IndexDefinition> definitions)
    {
        var zhCn = CultureInfo.GetCultureInfo(LocalizedText.DefaultCulture);
        var en = CultureInfo.GetCultureInfo(LocalizedText.English);
        using var output = new MemoryStream();
        using (var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(CsvColumns);
            foreach (var index in definitions)
            {
                csv.WriteField(index.Code);
                csv.WriteField(index.Names.Get(zhCn));
                csv.WriteField(index.Names.Get(en));
                csv.WriteField(index.Kind.ToString());
                csv.WriteField(string.Join(';', index.Polymers));
                csv.WriteField(string.Join(';', index.Constituents));
                csv.WriteField(index.BaseValue, default);
                csv.WriteField(index.BaseDate, default);
                csv.WriteField(string.Join(';', index.PublicationTimes.Select(t => t.ToString("HH:mm", CultureInfo.InvariantCulture))));
                csv.WriteField(index.TimeZone);
                csv.WriteField(index.MethodologyVersion);
                csv.EndRecord();
            }
        }

        return output.ToArray();
    }
}
