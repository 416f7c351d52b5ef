using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Http;

namespace Acme.Freight.Quotes;

/// <summary>
/// The rate card: a base charge per delivery and a charge per kg per 100 km, in fen. Set them in the host's
/// configuration under <c>SmartTrade:Plugins:acme-freight</c> (<c>BaseFen</c>, <c>FenPerKgPer100Km</c>).
/// </summary>
/// <param name="BaseFen">The charge of any delivery, in fen.</param>
/// <param name="FenPerKgPer100Km">The charge per kg per 100 km, in fen.</param>
public sealed record FreightRates(long BaseFen, long FenPerKgPer100Km)
{
    /// <summary>Reads the rates from the plugin's configuration section, with defaults.</summary>
    /// <param name="configuration">The plugin's section.</param>
    /// <returns>The rates.</returns>
    public static FreightRates From(IConfiguration configuration)
        => new(configuration.GetValue("BaseFen", 2_000L), configuration.GetValue("FenPerKgPer100Km", 30L));
}

/// <summary>A delivery to price.</summary>
/// <param name="WeightKg">Weight in whole kg, 1 to 40,000.</param>
/// <param name="DistanceKm">Distance in whole km, 1 to 5,000.</param>
public sealed record QuoteRequest(long? WeightKg, long? DistanceKm);

/// <summary>A priced delivery.</summary>
/// <param name="WeightKg">Weight in kg.</param>
/// <param name="DistanceKm">Distance in km.</param>
/// <param name="Price">The price.</param>
/// <param name="ValidUntil">The price holds until then (a day after it was given).</param>
public sealed record FreightQuote(long WeightKg, long DistanceKm, Money Price, DateTimeOffset ValidUntil);

/// <summary>Why a quote was refused: problem type <c>/problems/acme-freight/{code}</c>.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Code">The stable code.</param>
/// <param name="Detail">What was wrong.</param>
/// <param name="Field">The request field at fault.</param>
public sealed record FreightRefusal(int Status, string Code, string Detail, string? Field = null)
    : Refusal(Status, "/problems/acme-freight/" + Code, Code, Detail, Field);

/// <summary><c>POST /api/v1/acme-freight/quotes</c>: prices a delivery.</summary>
public static class FreightQuotes
{
    /// <summary>Maps the quote endpoint.</summary>
    /// <param name="endpoints">The plugin's route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapFreightQuotes(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/acme-freight/quotes", Quote)
            .WithTags("Acme.Freight")
            .WithName("QuoteAcmeFreight")
            .WithSummary("Prices a delivery by weight (kg) and distance (km), in fen.")
            .Produces<FreightQuote>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    /// <summary>Prices a delivery, or refuses weights and distances out of range (and changes nothing).</summary>
    /// <param name="request">The delivery.</param>
    /// <param name="rates">The rate card.</param>
    /// <param name="time">The host's clock.</param>
    /// <returns>The quote, or a problem.</returns>
    public static IResult Quote(QuoteRequest request, FreightRates rates, TimeProvider time)
    {
        if (request.WeightKg is not { } weight || weight is < 1 or > 40_000)
        {
            return new FreightRefusal(400, "invalid-weight", "The weight is a whole number of kg from 1 to 40,000.", "weightKg").ToProblem();
        }

        if (request.DistanceKm is not { } distance || distance is < 1 or > 5_000)
        {
            return new FreightRefusal(400, "invalid-distance", "The distance is a whole number of km from 1 to 5,000.", "distanceKm").ToProblem();
        }

        // Integer arithmetic in fen, rounded up to the next fen: no floating point for money.
        var variable = ((weight * distance * rates.FenPerKgPer100Km) + 99) / 100;
        var price = Money.FromFen(rates.BaseFen + variable);
        return TypedResults.Ok(new FreightQuote(weight, distance, price, time.GetUtcNow().AddDays(1)));
    }
}
