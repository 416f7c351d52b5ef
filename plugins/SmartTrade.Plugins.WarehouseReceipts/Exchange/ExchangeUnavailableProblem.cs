using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange;

/// <summary>
/// Answers <see cref="ExchangeUnavailableException"/> (a failed journal, no owner reachable in a cluster, settlement not
/// caught up) with 503 problem details of type <c>/problems/warehouse-receipts/exchange-unavailable</c>: the request
/// was not acknowledged and may be sent again (with its key), never a 500.
/// </summary>
public static class ExchangeUnavailableProblem
{
    /// <summary>The problem's type.</summary>
    public const string Type = "/problems/warehouse-receipts/exchange-unavailable";

    /// <summary>Maps the exception to the 503 problem for every endpoint of <paramref name="group"/>.</summary>
    public static TBuilder WithExchangeUnavailableProblem<TBuilder>(this TBuilder group)
        where TBuilder : IEndpointConventionBuilder
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (ExchangeUnavailableException exception)
            {
                return TypedResults.Problem(
                    detail: exception.Message, statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "The exchange is not available.", type: Type,
                    extensions: new Dictionary<string, object?> { ["code"] = "exchange-unavailable" });
            }
        });
        return group;
    }
}
