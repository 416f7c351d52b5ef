using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.WarehouseReceipts.Data;
using SmartTrade.Plugins.WarehouseReceipts.Exchange;
using SmartTrade.Plugins.WarehouseReceipts.Exchange.Accounts;
using SmartTrade.Plugins.WarehouseReceipts.Registry;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Payments;
using SmartTrade.Sdk.Security;
using SmartTrade.Sdk.Storefront;
using static SmartTrade.Sdk.Localization.Ui;

namespace SmartTrade.Plugins.WarehouseReceipts.Screen;

/// <summary>
/// The trader's account page of the exchange, <c>/exchange/account</c>: cash and positions, paying cash in by card and
/// out, bringing registry receipts into trading and taking them out, the movements so far and the settled trades with
/// the receipts delivered. Every movement goes through <see cref="TradingMovements"/>.
/// </summary>
public static class TradingAccountPages
{
    private static readonly LocalizedText Title = new("交易资金与持仓", "Trading cash and positions");

    /// <summary>Maps the page, its forms and its menu entry.</summary>
    public static IEndpointRouteBuilder MapTradingAccountPage(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/exchange/account").ExcludeFromDescription().RequireAuthorization(Roles.Trader);
        account.MapGet("/", PageAsync)
            .WithNavigation(new NavigationEntry("/exchange/account", Title, NavigationArea.Account, 42, Roles.Trader));
        account.MapPost("/cash/deposits", DepositCashAsync).RequireFormToken();
        account.MapPost("/cash/withdrawals", WithdrawCashAsync).RequireFormToken();
        account.MapPost("/receipts/deposits", (HttpContext http, [FromForm] TradingAccount.ReceiptForm form, [AsParameters] AccountPage page)
            => MoveReceiptsAsync(http, form, "in", page)).RequireFormToken();
        account.MapPost("/receipts/withdrawals", (HttpContext http, [FromForm] TradingAccount.ReceiptForm form, [AsParameters] AccountPage page)
            => MoveReceiptsAsync(http, form, "out", page)).RequireFormToken();
        return endpoints;
    }

    // Notices after a redirect (?done=...), so a reload does not post again.
    private static string? Notice(string? done) => done switch
    {
        "deposited" => T("入金成功，资金已到交易账户。", "Cash paid in; it is in your trading account."),
        "withdrawn" => T("出金成功，款项已付至您的账户。", "Cash paid out to your account."),
        "paying-out" => T("出金已受理，资金已从交易账户扣除，正在付款至您的账户。", "Pay-out accepted: the cash has left your trading account and is on its way to your account."),
        "receipts-in" => T("仓单已转入交易账户，可以挂卖单了。", "Receipts brought into trading; you can sell them now."),
        "receipts-out" => T("仓单已转出交易账户，回到登记簿中可用。", "Receipts taken out of trading; they are free in the registry again."),
        _ => null,
    };

    private static Task<IResult> PageAsync(string? done, HttpContext http, [AsParameters] AccountPage page)
        => page.RenderAsync(http, new TradingAccount.Forms(), new Dictionary<string, string>(), Notice(done), StatusCodes.Status200OK);

    private static async Task<IResult> DepositCashAsync(
        HttpContext http, [FromForm] TradingAccount.CashForm form, IEnumerable<IPaymentGateway> gateways, ExchangeOptions options, [AsParameters] AccountPage page)
    {
        var errors = new Dictionary<string, string>();
        var amount = Quotes.ParseYuan(form.Amount);
        if (amount is null or <= 0)
        {
            errors["deposit-amount"] = T("请输入金额（元），最多两位小数。", "Enter an amount in yuan, with at most two decimals.");
        }

        var month = int.TryParse(form.ExpMonth, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0;
        var year = int.TryParse(form.ExpYear, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 0;
        if (string.IsNullOrWhiteSpace(form.CardNumber) || string.IsNullOrWhiteSpace(form.Cvc) || month is < 1 or > 12 || year < 2000)
        {
            errors["deposit-card"] = T("请填写卡号、有效期（月、年）和安全码。", "Enter the card number, expiry month and year, and security code.");
        }

        var gateway = options.FundingGatewayIn(gateways);
        if (errors.Count == 0 && gateway is null)
        {
            errors["deposit"] = T("暂时无法用银行卡入金。", "Paying in by card is not available now.");
            return await page.RenderAsync(http, new TradingAccount.Forms(Cash: form.WithoutCard()), errors, null, StatusCodes.Status503ServiceUnavailable);
        }

        if (errors.Count == 0)
        {
            var card = new CardPaymentMethod { Number = form.CardNumber!, ExpiryMonth = month, ExpiryYear = year, Cvc = form.Cvc!, HolderName = string.IsNullOrWhiteSpace(form.HolderName) ? null : form.HolderName.Trim() };
            var outcome = await page.Movements.DepositCashAsync(UserId(http), amount!.Value, card, gateway!, Key(form.RequestKey), http.RequestAborted);
            if (outcome.Succeeded)
            {
                return Redirect("deposited");
            }

            errors[outcome.Code switch { "invalid-amount" => "deposit-amount", "payment-declined" => "deposit-card", _ => "deposit" }] = RegistryText.Describe(outcome);
            return await page.RenderAsync(http, new TradingAccount.Forms(Cash: form.WithoutCard()), errors, null, outcome.Status);
        }

        return await page.RenderAsync(http, new TradingAccount.Forms(Cash: form.WithoutCard()), errors, null, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> WithdrawCashAsync(
        HttpContext http, [FromForm] TradingAccount.WithdrawalForm form, IEnumerable<IPaymentGateway> gateways, ExchangeOptions options, [AsParameters] AccountPage page)
    {
        var shown = form with { Account = null };
        var amount = Quotes.ParseYuan(form.Amount);
        if (amount is null or <= 0)
        {
            var errors = new Dictionary<string, string> { ["withdraw-amount"] = T("请输入金额（元），最多两位小数。", "Enter an amount in yuan, with at most two decimals.") };
            return await page.RenderAsync(http, new TradingAccount.Forms(Withdrawal: shown), errors, null, StatusCodes.Status422UnprocessableEntity);
        }

        var gateway = options.FundingGatewayIn(gateways);
        if (gateway is null)
        {
            var errors = new Dictionary<string, string> { ["withdraw"] = T("暂时无法出金。", "Paying out is not available now.") };
            return await page.RenderAsync(http, new TradingAccount.Forms(Withdrawal: shown), errors, null, StatusCodes.Status503ServiceUnavailable);
        }

        // An empty account number pays to the account of the last paid withdrawal.
        var destination = string.IsNullOrWhiteSpace(form.Account)
            ? null
            : new PayoutDestination { AccountHolder = form.AccountHolder ?? string.Empty, Account = form.Account, Bank = string.IsNullOrWhiteSpace(form.Bank) ? null : form.Bank };
        var outcome = await page.Movements.WithdrawCashAsync(UserId(http), amount.Value, destination, gateway, Key(form.RequestKey), http.RequestAborted);
        if (outcome.Succeeded)
        {
            return Redirect(outcome.Movement?.Status == MovementStatus.PayingOut ? "paying-out" : "withdrawn");
        }

        var field = outcome.Code switch
        {
            "invalid-amount" or "insufficient-cash" => "withdraw-amount",
            "payout-account-required" or "invalid-payout-account" or "payout-failed" => "withdraw-account",
            _ => "withdraw",
        };
        return await page.RenderAsync(http, new TradingAccount.Forms(Withdrawal: shown), new Dictionary<string, string> { [field] = RegistryText.Describe(outcome) }, null, outcome.Status);
    }

    private static async Task<IResult> MoveReceiptsAsync(HttpContext http, TradingAccount.ReceiptForm form, string direction, AccountPage page)
    {
        var forms = direction == "in" ? new TradingAccount.Forms(ReceiptsIn: form) : new TradingAccount.Forms(ReceiptsOut: form);
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(form.Instrument) || !page.Exchange.InstrumentsByCode.ContainsKey(form.Instrument))
        {
            errors[$"{direction}-instrument"] = T("请选择合约。", "Choose an instrument.");
        }

        var kg = Quotes.ParseTonnes(form.Quantity);
        if (kg is null or <= 0)
        {
            errors[$"{direction}-quantity"] = T("请输入数量（吨），最多三位小数。", "Enter a quantity in tonnes, with at most three decimals.");
        }

        if (errors.Count > 0)
        {
            return await page.RenderAsync(http, forms, errors, null, StatusCodes.Status422UnprocessableEntity);
        }

        var outcome = direction == "in"
            ? await page.Movements.DepositReceiptsAsync(UserId(http), form.Instrument!, kg!.Value, Key(form.RequestKey), http.RequestAborted)
            : await page.Movements.WithdrawReceiptsAsync(UserId(http), form.Instrument!, kg!.Value, Key(form.RequestKey), http.RequestAborted);
        if (outcome.Succeeded)
        {
            return Redirect(direction == "in" ? "receipts-in" : "receipts-out");
        }

        var field = outcome.Code switch
        {
            "unknown-instrument" => $"{direction}-instrument",
            "invalid-quantity" or "insufficient-receipts" or RegistryProblems.InsufficientFreeQuantity => $"{direction}-quantity",
            _ => direction,
        };
        return await page.RenderAsync(http, forms, new Dictionary<string, string> { [field] = RegistryText.Describe(outcome) }, null, outcome.Status);
    }

    // A form's one-time key makes a double submit (or a reload of the POST) move money or receipts once.
    private static string? Key(string? requestKey) => requestKey is { Length: > 0 and <= 64 } key ? "page-" + key[..Math.Min(key.Length, 59)] : null;

    private static IResult Redirect(string done) => Results.Redirect($"/exchange/account?done={done}", permanent: false, preserveMethod: false);

    private static string UserId(HttpContext http) => http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authorized request has a user id.");

    /// <summary>What the account page reads and writes through: the request's services, bound with <c>[AsParameters]</c>.</summary>
    internal sealed class AccountPage
    {
        public required ExchangeService Exchange { get; init; }

        public required ITraderAccounts Accounts { get; init; }

        public required TradingMovements Movements { get; init; }

        public required ReceiptRegistry Registry { get; init; }

        public required RegistrySettlement Settlement { get; init; }

        public required WarehouseReceiptsDbContext Db { get; init; }

        public required IStorefrontPages Pages { get; init; }

        public async Task<IResult> RenderAsync(HttpContext http, TradingAccount.Forms forms, Dictionary<string, string> errors, string? notice, int status)
        {
            var me = UserId(http);
            var cancellationToken = http.RequestAborted;
            var account = await Accounts.FindAsync(me, cancellationToken) is { } traderId
                ? await TradingEndpoints.ReadAccountAsync(Exchange, traderId)
                : new TradingEndpoints.AccountView(0, 0, 0, []);
            return Pages.Page<TradingAccount>(Title, new Dictionary<string, object?>
            {
                [nameof(TradingAccount.Account)] = account,
                [nameof(TradingAccount.Instruments)] = Exchange.InstrumentsById.Values.OrderBy(i => i.Code, StringComparer.Ordinal).ToList(),
                [nameof(TradingAccount.Holdings)] = await Registry.HoldingsAsync(me, cancellationToken),
                [nameof(TradingAccount.Movements)] = await Movements.OfAsync(me, 50, cancellationToken),
                [nameof(TradingAccount.Trades)] = await SettledTradesAsync(me, cancellationToken),
                [nameof(TradingAccount.FormValues)] = forms,
                [nameof(TradingAccount.PayoutAccount)] = await Movements.PayoutAccountOfAsync(me, cancellationToken),
                [nameof(TradingAccount.UserId)] = me,
                [nameof(TradingAccount.Errors)] = errors,
                [nameof(TradingAccount.Notice)] = notice,
                [nameof(TradingAccount.RequestKey)] = Guid.NewGuid().ToString("N"),
            }, status);
        }

        // Settlement in the registry trails the exchange by a batch; give it a moment, so a trade the trader was just
        // told about is listed, and otherwise show what is settled.
        private async Task<List<SettledTrade>> SettledTradesAsync(string userId, CancellationToken cancellationToken)
        {
            using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                waiting.CancelAfter(TimeSpan.FromSeconds(2));
                try
                {
                    await Settlement.WaitForSettledAsync(waiting.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Settlement is behind (a database hiccup); show what is settled.
                }
            }

            return await Db.SettledTrades.AsNoTracking()
                .Where(t => t.BuyerId == userId || t.SellerId == userId)
                .OrderByDescending(t => t.JournalSequence).ThenByDescending(t => t.TradeSequence)
                .Take(50)
                .ToListAsync(cancellationToken);
        }
    }
}
