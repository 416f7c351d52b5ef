using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SmartTrade.Sdk.Problems;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange;

/// <content>Batch order entry: a market maker's quotes on many levels in one request and one durable group.</content>
public static partial class TradingEndpoints
{
    /// <summary>The most orders one batch may carry.</summary>
    public const int MaxBatchOrders = 50;

    /// <summary>Orders entered together.</summary>
    /// <param name="Orders">1 to <see cref="MaxBatchOrders"/> orders, each as <see cref="PlaceOrder"/>.</param>
    public sealed record PlaceOrders(IReadOnlyList<PlaceOrder?>? Orders);

    /// <summary>What became of one order of a batch.</summary>
    /// <param name="Index">Its position in the batch, from 0.</param>
    /// <param name="Status">The status a single order entry would have answered: 201 placed, 200 the first order of a repeated key, 4xx refused.</param>
    /// <param name="Order">The order, when placed (or found by its key).</param>
    /// <param name="Problem">Why it was refused, as problem details (with <c>code</c>, and <c>errors</c> for invalid fields).</param>
    public sealed record BatchResult(int Index, int Status, OrderView? Order, object? Problem);

    /// <summary>The answer to a batch: one result per order, in the batch's order.</summary>
    /// <param name="Placed">How many orders were placed (or found by their key).</param>
    /// <param name="Refused">How many were refused.</param>
    /// <param name="Results">The results.</param>
    public sealed record BatchAnswer(int Placed, int Refused, IReadOnlyList<BatchResult> Results);

    /// <summary>
    /// Each order is checked as a single entry would be and answered on its own: a bad one is refused with its problem
    /// and the others go on. The valid ones are sent to the exchange together, so they are applied one after the
    /// other in the batch's order (other traders' orders may come between them) and made durable in the same journal
    /// group; the answer comes once all are durable. With an <c>Idempotency-Key</c> each order gets the key and its
    /// index as its client key, so a retried batch places nothing twice and answers each order's first result.
    /// </summary>
    private static async Task<IResult> PlaceBatchAsync(PlaceOrders? request, HttpRequest http, ClaimsPrincipal user, ExchangeService exchange, ITraderAccounts accounts, TraderOrders orders, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request?.Orders is not { Count: > 0 and <= MaxBatchOrders } entered)
        {
            return Validation("orders", $"Send 1 to {MaxBatchOrders} orders as \"orders\": [...].");
        }

        var results = new BatchResult?[entered.Count];
        var commands = new List<(int Index, ExchangeCommand Command)>(entered.Count);
        for (var i = 0; i < entered.Count; i++)
        {
            if (entered[i] is not { } order)
            {
                results[i] = new BatchResult(i, StatusCodes.Status400BadRequest, null, new HttpValidationProblemDetails(new Dictionary<string, string[]> { [$"orders[{i}]"] = ["Send the order as a JSON object."] })
                {
                    Type = ProblemTypes.Validation,
                    Status = StatusCodes.Status400BadRequest,
                });
            }
            else if (Parse(order, exchange, out var command) is { } invalid)
            {
                results[i] = new BatchResult(i, invalid.Status ?? StatusCodes.Status400BadRequest, null, invalid);
            }
            else
            {
                commands.Add((i, command));
            }
        }

        if (commands.Count > 0)
        {
            long traderId = await accounts.GetOrOpenAsync(UserId(user), cancellationToken);
            var key = http.Headers.TryGetValue("Idempotency-Key", out var header) && !string.IsNullOrEmpty(header) ? header.ToString() : null;
            var submitted = new Task<ExchangeResult>[commands.Count];
            for (var c = 0; c < commands.Count; c++)
            {
                var (index, command) = commands[c];
                command = command with { TraderId = traderId };
                if (key is not null)
                {
                    command = command with { ClientKey = ClientKey(key + "#" + index.ToString(CultureInfo.InvariantCulture)) };
                }

                commands[c] = (index, command);
                submitted[c] = exchange.Sequencer.SubmitAsync(command);
            }

            var replies = await Task.WhenAll(submitted);
            for (var c = 0; c < commands.Count; c++)
            {
                var (status, order, problem) = Answer(replies[c].Reply, commands[c].Command, exchange, orders, time);
                results[commands[c].Index] = new BatchResult(commands[c].Index, status, order, problem);
            }
        }

        var placed = results.Count(r => r!.Order is not null);
        return TypedResults.Ok(new BatchAnswer(placed, results.Length - placed, results!));
    }
}
