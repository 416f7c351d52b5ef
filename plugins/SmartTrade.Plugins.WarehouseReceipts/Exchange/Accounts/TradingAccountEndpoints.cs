using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.WarehouseReceipts.Data;
using SmartTrade.Sdk.Payments;
using SmartTrade.Sdk.Problems;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange.Accounts;

/// <summary>
/// A trader's money and receipts in trading under <c>/api/v1/receipts/exchange</c>: paying cash in by card (through
/// the host's payment gateway, the Sandbox by default) and out, bringing free registry receipts into trading and
/// taking them back, the movements so far, and the trader's settled trades.
/// </summary>
public static class TradingAccountEndpoints
{
    private const string ProblemBase = "/problems/warehouse-receipts/";

    /// <summary>Cash to pay in with a card.</summary>
    /// <param name="Amount">Fen.</param>
    /// <param name="Card">The card (the Sandbox takes its test cards).</param>
    public sealed record CashDeposit(long? Amount, CardInput? Card);

    /// <summary>A card as the API takes it.</summary>
    public sealed record CardInput(string? Number, int ExpMonth, int ExpYear, string? Cvc, string? HolderName);

    /// <summary>Cash to pay out.</summary>
    /// <param name="Amount">Fen.</param>
    /// <param name="PayoutAccount">Where to pay it; when left out, the account the trader's last paid withdrawal went to.</param>
    public sealed record CashWithdrawal(long? Amount, PayoutAccountInput? PayoutAccount);

    /// <summary>An account to pay out to, as the API takes it.</summary>
    /// <param name="AccountHolder">The holder's name, as the bank knows it.</param>
    /// <param name="Account">The account: a bank account number for the Sandbox, a connected account id (<c>acct_…</c>) for Stripe.</param>
    /// <param name="Bank">The bank's name, for bank accounts.</param>
    public sealed record PayoutAccountInput(string? AccountHolder, string? Account, string? Bank);

    /// <summary>Receipt quantity to move into or out of trading.</summary>
    /// <param name="Instrument">The instrument code.</param>
    /// <param name="Quantity">Kg, a multiple of the lot.</param>
    public sealed record ReceiptMovement(string? Instrument, long? Quantity);

    /// <summary>A movement as the API shows it.</summary>
    /// <param name="PaidTo">For withdrawals: the account paid to, masked (<c>中国工商银行 •••• 1234</c>).</param>
    public sealed record MovementView(long Id, string Kind, string? Instrument, long Amount, string Status, string? Failure, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string? PaidTo = null);

    /// <summary>A settled trade as one of its parties sees it.</summary>
    public sealed record MyTradeView(string TradeRef, string Instrument, string Side, long Price, long Quantity, long Value, long Fee, DateTimeOffset ExecutedAt, IReadOnlyList<string> Receipts);

    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapTradingAccounts(this IEndpointRouteBuilder endpoints)
    {
        var trader = endpoints.MapGroup("/api/v1/receipts/exchange").WithTags("Warehouse receipts exchange").RequireAuthorization(Roles.Trader).WithExchangeUnavailableProblem();
        trader.MapPost("/cash/deposits", DepositCashAsync).WithName("DepositTradingCash")
            .WithSummary("Pays cash into the trading account by card; an Idempotency-Key makes a retry return the first movement.");
        trader.MapPost("/cash/withdrawals", WithdrawCashAsync).WithName("WithdrawTradingCash")
            .WithSummary("Pays free cash out of the trading account to the trader's account through the payment gateway; 202 while the payout is pending.");
        trader.MapPost("/receipts/deposits", DepositReceiptsAsync).WithName("DepositReceiptsForTrading")
            .WithSummary("Brings free receipt quantity from the registry into trading (frozen in the registry while in trading).");
        trader.MapPost("/receipts/withdrawals", WithdrawReceiptsAsync).WithName("WithdrawReceiptsFromTrading")
            .WithSummary("Takes free receipt quantity out of trading back to the registry.");
        trader.MapGet("/movements", ListMovementsAsync).WithName("ListMyTradingMovements")
            .WithSummary("The trader's cash and receipt movements, newest first.");
        trader.MapGet("/movements/{id:long}", GetMovementAsync).WithName("GetMyTradingMovement")
            .WithSummary("One of the trader's movements, e.g. a withdrawal whose payout is pending.");
        trader.MapGet("/trades/mine", ListMyTradesAsync).WithName("ListMyExchangeTrades")
            .WithSummary("The trader's settled trades with the receipts delivered, newest first.");
        return endpoints;
    }

    private static async Task<IResult> DepositCashAsync(CashDeposit? request, HttpRequest http, ClaimsPrincipal user, TradingMovements movements, IEnumerable<IPaymentGateway> gateways, ExchangeOptions options, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.Amount is null)
        {
            errors["amount"] = ["Give the amount in fen."];
        }

        if (request?.Card is not { Number.Length: > 0, Cvc.Length: > 0 } || request.Card.ExpMonth is < 1 or > 12 || request.Card.ExpYear < 2000)
        {
            errors["card"] = ["Give the card's number, expMonth (1-12), expYear and cvc."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        }

        var gateway = options.FundingGatewayIn(gateways);
        if (gateway is null)
        {
            return Problem(503, "funding-unavailable", $"The payment gateway '{options.FundingGateway}' for trading cash is not configured.");
        }

        var card = request!.Card!;
        var outcome = await movements.DepositCashAsync(
            UserId(user), request.Amount!.Value,
            new CardPaymentMethod { Number = card.Number!, ExpiryMonth = card.ExpMonth, ExpiryYear = card.ExpYear, Cvc = card.Cvc!, HolderName = card.HolderName },
            gateway, Key(http), cancellationToken);
        return Answer(outcome);
    }

    private static async Task<IResult> WithdrawCashAsync(
        CashWithdrawal? request, HttpRequest http, ClaimsPrincipal user, TradingMovements movements, IEnumerable<IPaymentGateway> gateways, ExchangeOptions options, CancellationToken cancellationToken)
    {
        if (request?.Amount is not { } amount)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["amount"] = ["Give the amount in fen."] }, type: ProblemTypes.Validation);
        }

        var gateway = options.FundingGatewayIn(gateways);
        if (gateway is null)
        {
            return Problem(503, "payouts-unavailable", $"The payment gateway '{options.FundingGateway}' for trading cash is not configured.");
        }

        var destination = request.PayoutAccount is { } given
            ? new PayoutDestination { AccountHolder = given.AccountHolder ?? string.Empty, Account = given.Account ?? string.Empty, Bank = given.Bank }
            : null;
        return Answer(await movements.WithdrawCashAsync(UserId(user), amount, destination, gateway, Key(http), cancellationToken));
    }

    private static async Task<IResult> DepositReceiptsAsync(ReceiptMovement? request, HttpRequest http, ClaimsPrincipal user, TradingMovements movements, CancellationToken cancellationToken)
        => Invalid(request) ?? Answer(await movements.DepositReceiptsAsync(UserId(user), request!.Instrument!, request.Quantity!.Value, Key(http), cancellationToken));

    private static async Task<IResult> WithdrawReceiptsAsync(ReceiptMovement? request, HttpRequest http, ClaimsPrincipal user, TradingMovements movements, CancellationToken cancellationToken)
        => Invalid(request) ?? Answer(await movements.WithdrawReceiptsAsync(UserId(user), request!.Instrument!, request.Quantity!.Value, Key(http), cancellationToken));

    private static async Task<IResult> ListMovementsAsync(ClaimsPrincipal user, TradingMovements movements, int? limit, CancellationToken cancellationToken)
        => TypedResults.Ok((await movements.OfAsync(UserId(user), limit ?? 50, cancellationToken)).Select(View).ToList());

    private static async Task<IResult> GetMovementAsync(long id, ClaimsPrincipal user, TradingMovements movements, CancellationToken cancellationToken)
        => await movements.FindAsync(UserId(user), id, cancellationToken) is { } movement
            ? TypedResults.Ok(View(movement))
            : Problem(404, "unknown-movement", $"You have no movement {id}.");

    private static async Task<IResult> ListMyTradesAsync(ClaimsPrincipal user, WarehouseReceiptsDbContext db, RegistrySettlement settlement, int? limit, CancellationToken cancellationToken)
    {
        // Read your own trades: settlement in the registry trails the exchange by a batch; wait (briefly) for it to
        // catch up with every trade acknowledged so far, so a trade the caller was told about is listed.
        using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            waiting.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                await settlement.WaitForSettledAsync(waiting.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Settlement is behind (a database hiccup); answer with what is settled.
            }
        }

        var userId = UserId(user);
        var take = Math.Clamp(limit ?? 50, 1, 200);
        var trades = await db.SettledTrades.AsNoTracking()
            .Where(t => t.BuyerId == userId || t.SellerId == userId)
            .OrderByDescending(t => t.JournalSequence).ThenByDescending(t => t.TradeSequence)
            .Take(take)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(trades.Select(t => new MyTradeView(
            t.TradeRef, t.InstrumentCode, t.BuyerId == userId ? "buy" : "sell", t.Price, t.QuantityKg, t.Value,
            t.BuyerId == userId ? t.BuyerFee : t.SellerFee, t.ExecutedAt,
            t.DeliveredNumbers.Length == 0 ? [] : t.DeliveredNumbers.Split(','))).ToList());
    }

    /// <summary>A movement as the API and the trading screen show it.</summary>
    public static MovementView View(TradingMovement m) => new(
        m.Id,
        m.Kind switch
        {
            MovementKind.CashDeposit => "cashDeposit",
            MovementKind.CashWithdrawal => "cashWithdrawal",
            MovementKind.ReceiptsIn => "receiptsIn",
            _ => "receiptsOut",
        },
        m.InstrumentCode, m.Amount,
        m.Status switch { MovementStatus.Completed => "completed", MovementStatus.Refused => "refused", MovementStatus.Paid => "paid", MovementStatus.PayingOut => "payingOut", _ => "pending" },
        m.Failure, m.CreatedAt, m.CompletedAt, PaidTo(m));

    /// <summary>For a withdrawal, the account paid to with the number masked; otherwise <see langword="null"/>.</summary>
    public static string? PaidTo(TradingMovement m)
        => TradingMovements.DestinationOf(m) is { } to
            ? string.Join(' ', new[] { to.Bank, to.MaskedAccount, $"({to.AccountHolder})" }.Where(p => !string.IsNullOrEmpty(p)))
            : null;

    private static IResult Answer(MovementOutcome outcome)
    {
        if (!outcome.Succeeded)
        {
            return Problem(outcome.Status, outcome.Code!, outcome.Detail);
        }

        var view = View(outcome.Movement!);
        return outcome.Replayed ? TypedResults.Ok(view)
            : outcome.Movement!.Status == MovementStatus.PayingOut ? TypedResults.Accepted($"/api/v1/receipts/exchange/movements/{view.Id}", view)
            : TypedResults.Created($"/api/v1/receipts/exchange/movements/{view.Id}", view);
    }

    private static IResult? Invalid(ReceiptMovement? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.Instrument))
        {
            errors["instrument"] = ["Name the instrument, e.g. PP-T30S."];
        }

        if (request?.Quantity is null)
        {
            errors["quantity"] = ["Give the quantity in kg."];
        }

        return errors.Count > 0 ? TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation) : null;
    }

    private static IResult Problem(int status, string code, string? detail) => TypedResults.Problem(
        detail: detail, statusCode: status, title: detail, type: ProblemBase + code,
        extensions: new Dictionary<string, object?> { ["code"] = code });

    private static string? Key(HttpRequest http)
        => http.Headers.TryGetValue("Idempotency-Key", out var key) && key.ToString() is { Length: > 0 and <= 64 } text ? text : null;

    private static string UserId(ClaimsPrincipal user) => TradingEndpoints.UserId(user);
}
