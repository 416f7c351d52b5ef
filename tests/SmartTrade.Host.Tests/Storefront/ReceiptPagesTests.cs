using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Host.Tests.Receipts;
using SmartTrade.Platform.Identity;
using SmartTrade.Platform.Payments;
using Xunit;

namespace SmartTrade.Host.Tests.Storefront;

/// <summary>
/// The warehouse-receipt pages driven as a browser would: a trader's receipts and load-ins (<c>/receipts</c>), the
/// warehouse desk (<c>/receipts/operator</c>), a receipt's public, verified history and its owner's actions
/// (<c>/receipts/{number}</c>), and the trader's exchange account (<c>/exchange/account</c>).
/// </summary>
public sealed class ReceiptPagesTests : IAsyncLifetime, IDisposable
{
    private const string Trader = ExchangeApiTests.Seller;
    private const string OtherTrader = ExchangeApiTests.Buyer;
    private const string Operator = ExchangeApiTests.Operator;
    private const string Instrument = ExchangeApiTests.Instrument;

    private readonly TestFolders _folders = new();
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _folders.AddPlugin("SmartTrade.Plugins.WarehouseReceipts");
        _host = new TestHost(_folders);
        await ExchangeApiTests.PrepareAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Each_page_opens_for_its_role_and_is_refused_to_the_others()
    {
        using var visitor = new Browser(_host);
        using var buyer = new Browser(_host);
        using var trader = new Browser(_host);
        using var keeper = new Browser(_host);
        await buyer.SignInAsync("buyer@smarttrade.demo");
        var traderHome = await trader.SignInAsync(Trader);
        var keeperHome = await keeper.SignInAsync(Operator);

        Assert.StartsWith("/account/login", (await visitor.OpenAsync("/receipts")).Url);
        Assert.StartsWith("/account/login", (await visitor.OpenAsync("/receipts/operator")).Url);
        Assert.StartsWith("/account/login", (await visitor.OpenAsync("/exchange/account")).Url);
        foreach (var page in new[] { "/receipts", "/receipts/operator", "/exchange/account" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await buyer.OpenAsync(page)).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await trader.OpenAsync("/receipts")).Status);
        Assert.Equal(HttpStatusCode.OK, (await trader.OpenAsync("/exchange/account")).Status);
        Assert.Contains("/exchange/account", (await trader.OpenAsync($"/exchange/{Instrument}")).Links);
        Assert.Equal(HttpStatusCode.Forbidden, (await trader.OpenAsync("/receipts/operator")).Status);
        var desk = await keeper.OpenAsync("/receipts/operator");
        Assert.Equal(HttpStatusCode.OK, desk.Status);
        Assert.Equal("仓库作业", desk.Heading);
        Assert.Equal(HttpStatusCode.Forbidden, (await keeper.OpenAsync("/receipts")).Status);
        Assert.Contains("/receipts", traderHome.Menu("account-nav"));
        Assert.Contains("/exchange/account", traderHome.Menu("account-nav"));
        Assert.DoesNotContain("/receipts/operator", traderHome.Menu("account-nav"));
        Assert.Contains("/receipts/operator", keeperHome.Menu("account-nav"));
        Assert.DoesNotContain("/receipts", keeperHome.Menu("account-nav"));
    }

    [Fact]
    public async Task A_load_in_declared_issued_and_accepted_through_the_forms_becomes_a_free_receipt_of_the_trader()
    {
        using var trader = new Browser(_host);
        using var keeper = new Browser(_host);
        await trader.SignInAsync(Trader);
        await keeper.SignInAsync(Operator);

        var declared = await DeclareAsync(trader, "25000");
        var desk = await keeper.OpenAsync("/receipts/operator");
        var loadIn = Assert.Single(desk.Document.QuerySelectorAll("article[data-load-in]"));
        var id = Guid.Parse(loadIn.GetAttribute("data-load-in")!);
        var issued = await desk.SubmitAsync(keeper, $"/receipts/operator/load-ins/{id}/issue", new Dictionary<string, string>
        {
            ["netWeightKg"] = "24,980",
            ["inspectionCertificate"] = "ZS202611-0042",
        });
        var number = issued.Document.QuerySelector($"table.decided tr[data-load-in='{id}'] a")!.TextContent;
        var waiting = await trader.OpenAsync("/receipts");
        var accepted = await waiting.SubmitAsync(trader, $"/receipts/{number}/accept");

        Assert.Equal("/receipts?done=declared", declared.Url);
        Assert.Equal("入库申报已提交，等待仓库检验。", declared.Document.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("待检验", declared.Document.QuerySelector("table.loadins tbody tr")!.TextContent);
        Assert.Contains("25,000", loadIn.TextContent);
        Assert.Contains($"（{Trader}）", loadIn.TextContent);
        Assert.Equal("/receipts/operator?done=issued", issued.Url);
        Assert.Empty(issued.Document.QuerySelectorAll("article[data-load-in]"));
        Assert.Contains(number, waiting.Document.QuerySelector("table.pending")!.TextContent);
        Assert.Equal("/receipts?done=accepted", accepted.Url);
        Assert.Null(accepted.Document.QuerySelector("table.pending"));
        var row = accepted.Document.QuerySelector("table.receipts tbody tr")!;
        Assert.Contains(number, row.TextContent);
        Assert.Contains("24,980", row.TextContent);
        Assert.Contains("有效", row.TextContent);
        Assert.Contains("已签发仓单", accepted.Document.QuerySelector("table.loadins tbody tr")!.TextContent);
        Assert.Equal((24_980L, 0L), await ExchangeApiTests.HoldingAsync(await _host.ClientForAsync(Trader), Instrument));
    }

    [Fact]
    public async Task Rejecting_a_load_in_without_a_reason_shows_the_error_beside_the_reason_and_changes_nothing()
    {
        using var trader = new Browser(_host);
        using var keeper = new Browser(_host);
        await trader.SignInAsync(Trader);
        await keeper.SignInAsync(Operator);
        await DeclareAsync(trader, "8000");
        var desk = await keeper.OpenAsync("/receipts/operator");
        var id = Guid.Parse(desk.Document.QuerySelector("article[data-load-in]")!.GetAttribute("data-load-in")!);

        var refused = await desk.SubmitAsync(keeper, $"/receipts/operator/load-ins/{id}/reject", new Dictionary<string, string> { ["reason"] = "  " });
        var loadIn = await LoadInAsync(id);
        var rejected = await refused.SubmitAsync(keeper, $"/receipts/operator/load-ins/{id}/reject", new Dictionary<string, string> { ["reason"] = "水分超标，包装破损" });
        var mine = await trader.OpenAsync("/receipts");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("请填写拒绝原因（最多 500 字）。", refused.ErrorFor($"reason-{id:N}"));
        Assert.Equal("true", refused.Document.GetElementById($"reason-{id:N}")!.GetAttribute("aria-invalid"));
        Assert.Equal("Declared", loadIn["status"]!.GetValue<string>());
        Assert.Equal("/receipts/operator?done=rejected", rejected.Url);
        Assert.Contains("水分超标，包装破损", rejected.Document.QuerySelector("table.decided")!.TextContent);
        var row = mine.Document.QuerySelector("table.loadins tbody tr")!.TextContent;
        Assert.Contains("已拒绝", row);
        Assert.Contains("水分超标，包装破损", row);
    }

    [Fact]
    public async Task A_refusal_is_explained_in_english_when_english_is_chosen()
    {
        using var trader = new Browser(_host);
        await trader.SignInAsync(Trader);
        await trader.UseEnglishAsync();
        var page = await trader.OpenAsync("/receipts");

        var refused = await page.SubmitAsync(trader, "/receipts/load-ins", new Dictionary<string, string>
        {
            ["grade"] = GradeOf(page, Instrument),
            ["warehouse"] = "zs-storage-1",
            ["quantityKg"] = "0",
            ["productionDate"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-20)).ToString("yyyy-MM-dd"),
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("My receipts", refused.Heading);
        Assert.Equal("A quantity is a whole number of kg from 1 to 1,000,000,000.", refused.ErrorFor("loadin-quantity"));
        Assert.Equal("0", refused.ValueOf("loadin-quantity"));
        Assert.Null(refused.Document.QuerySelector("table.loadins"));
    }

    [Fact]
    public async Task Cash_paid_in_with_the_test_card_reaches_the_account_and_a_declined_card_pays_in_nothing()
    {
        using var trader = new Browser(_host);
        await trader.SignInAsync(Trader);
        var page = await trader.OpenAsync("/exchange/account");

        var paid = await page.SubmitAsync(trader, "/exchange/account/cash/deposits", Card("25,000.50", Shopping.GoodCard));
        var declined = await paid.SubmitAsync(trader, "/exchange/account/cash/deposits", Card("1000", Shopping.DeclinedCard));

        Assert.Equal("/exchange/account?done=deposited", paid.Url);
        Assert.Equal("25,000.50", paid.Document.QuerySelector("[data-field=cash]")!.TextContent);
        Assert.Equal(HttpStatusCode.PaymentRequired, declined.Status);
        Assert.Equal("银行卡付款没有成功，资金没有入账。", declined.ErrorFor("deposit-card"));
        Assert.Equal("1000", declined.ValueOf("deposit-amount"));
        Assert.Equal(string.Empty, declined.ValueOf("deposit-card"));
        Assert.Equal("25,000.50", declined.Document.QuerySelector("[data-field=cash]")!.TextContent);
        Assert.Equal(["Refused", "Completed"], declined.Document.QuerySelectorAll("table.movements tbody tr").Select(r => r.GetAttribute("data-status") ?? "").ToArray());
        Assert.Equal(2_500_050, (await ExchangeApiTests.AccountAsync(await _host.ClientForAsync(Trader)))["cash"]!.GetValue<long>());
    }

    [Fact]
    public async Task Cash_is_paid_out_through_the_form_to_the_traders_bank_account_only_up_to_the_free_cash()
    {
        using var trader = new Browser(_host);
        await trader.SignInAsync(Trader);
        var page = await trader.OpenAsync("/exchange/account");
        var paid = await page.SubmitAsync(trader, "/exchange/account/cash/deposits", Card("25000", Shopping.GoodCard));

        var tooMuch = await paid.SubmitAsync(trader, "/exchange/account/cash/withdrawals", Payout("25000.01", SandboxTestBankAccounts.Pays));
        var noAccount = await tooMuch.SubmitAsync(trader, "/exchange/account/cash/withdrawals", new Dictionary<string, string> { ["amount"] = "100" });
        var bounced = await noAccount.SubmitAsync(trader, "/exchange/account/cash/withdrawals", Payout("100", SandboxTestBankAccounts.DoesNotExist));
        var withdrawn = await bounced.SubmitAsync(trader, "/exchange/account/cash/withdrawals", Payout("5,000.50", SandboxTestBankAccounts.Pays));
        var again = await withdrawn.SubmitAsync(trader, "/exchange/account/cash/withdrawals", new Dictionary<string, string> { ["amount"] = "1000" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.Status);
        Assert.Equal("可用资金不足。", tooMuch.ErrorFor("withdraw-amount"));
        Assert.Equal("25,000.00", tooMuch.Document.QuerySelector("[data-field=cash]")!.TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, noAccount.Status);
        Assert.Equal("请填写收款人户名、开户银行和银行账号。", noAccount.ErrorFor("withdraw-account"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bounced.Status);
        Assert.Equal("付款被收款银行退回，资金已退回交易账户。", bounced.ErrorFor("withdraw-account"));
        Assert.Equal("25,000.00", bounced.Document.QuerySelector("[data-field=cash]")!.TextContent);
        Assert.Equal("/exchange/account?done=withdrawn", withdrawn.Url);
        Assert.Equal("19,999.50", withdrawn.Document.QuerySelector("[data-field=cash]")!.TextContent);
        Assert.Equal("上次出金至：中国工商银行 •••• 0001（张三）。账号留空则仍付至该账户。", withdrawn.Document.QuerySelector("#withdraw-last")!.TextContent);
        Assert.DoesNotContain(SandboxTestBankAccounts.Pays, withdrawn.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal("至 中国工商银行 •••• 0001（张三）", withdrawn.Document.QuerySelector("[data-movement] .hint")!.TextContent.Trim());
        Assert.Equal("/exchange/account?done=withdrawn", again.Url);
        Assert.Equal("18,999.50", again.Document.QuerySelector("[data-field=cash]")!.TextContent);
    }

    private static Dictionary<string, string> Payout(string yuan, string account)
        => new() { ["amount"] = yuan, ["accountHolder"] = "张三", ["bank"] = "中国工商银行", ["account"] = account };

    [Fact]
    public async Task A_double_submitted_deposit_form_pays_in_once()
    {
        using var trader = new Browser(_host);
        await trader.SignInAsync(Trader);
        var page = await trader.OpenAsync("/exchange/account");

        await page.SubmitAsync(trader, "/exchange/account/cash/deposits", Card("300", Shopping.GoodCard));
        var again = await page.SubmitAsync(trader, "/exchange/account/cash/deposits", Card("300", Shopping.GoodCard));

        Assert.Equal("/exchange/account?done=deposited", again.Url);
        Assert.Equal("300.00", again.Document.QuerySelector("[data-field=cash]")!.TextContent);
        Assert.Single(again.Document.QuerySelectorAll("table.movements tbody tr"));
    }

    [Fact]
    public async Task Receipts_go_into_trading_and_back_through_the_forms_and_too_much_changes_nothing()
    {
        var api = await _host.ClientForAsync(Trader);
        await IssueAndAcceptAsync(api, 20_000);
        using var trader = new Browser(_host);
        await trader.SignInAsync(Trader);
        var page = await trader.OpenAsync("/exchange/account");

        var tooMuch = await page.SubmitAsync(trader, "/exchange/account/receipts/deposits", new Dictionary<string, string> { ["instrument"] = Instrument, ["quantity"] = "21" });
        var brought = await tooMuch.SubmitAsync(trader, "/exchange/account/receipts/deposits", new Dictionary<string, string> { ["instrument"] = Instrument, ["quantity"] = "15" });
        var taken = await brought.SubmitAsync(trader, "/exchange/account/receipts/withdrawals", new Dictionary<string, string> { ["instrument"] = Instrument, ["quantity"] = "6" });

        Assert.Equal(HttpStatusCode.Conflict, tooMuch.Status);
        Assert.Equal("登记簿中可用的仓单不足（已质押或已在交易中的不算）。", tooMuch.ErrorFor("in-quantity"));
        Assert.Equal("/exchange/account?done=receipts-in", brought.Url);
        Assert.Contains("15", brought.Document.QuerySelector($"table.positions tr[data-instrument='{Instrument}']")!.TextContent);
        Assert.Equal("/exchange/account?done=receipts-out", taken.Url);
        var position = taken.Document.QuerySelector($"table.positions tr[data-instrument='{Instrument}']")!;
        Assert.Equal(["9", "0", "9"], position.QuerySelectorAll("td").Select(c => c.TextContent).ToArray());
        Assert.Equal(9_000, ExchangeApiTests.Position(await ExchangeApiTests.AccountAsync(api), Instrument));
        Assert.Equal((20_000L, 9_000L), await ExchangeApiTests.HoldingAsync(api, Instrument));
    }

    [Fact]
    public async Task The_public_receipt_page_shows_the_history_with_an_intact_chain_and_no_actions_to_a_visitor()
    {
        var number = await IssueAndAcceptAsync(await _host.ClientForAsync(Trader), 12_000);
        using var visitor = new Browser(_host);

        var page = await visitor.OpenAsync($"/receipts/{number}");
        var missing = await visitor.OpenAsync("/receipts/ZS-1999-000001");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal($"仓单 {number}", page.Heading);
        Assert.Equal("true", page.Document.QuerySelector("[data-intact]")!.GetAttribute("data-intact"));
        Assert.Equal("12,000", page.Document.QuerySelector("[data-field=quantity]")!.TextContent);
        var history = page.Document.QuerySelectorAll("table.history tbody tr");
        Assert.Equal(["签发仓单", "接收仓单"], history.Select(r => r.QuerySelectorAll("td")[2].TextContent).ToArray());
        Assert.All(history, r => Assert.Equal("true", r.GetAttribute("data-valid")));
        Assert.Empty(page.Document.QuerySelectorAll("main form[method=post]"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task The_owner_splits_and_pledges_to_a_lender_named_by_email_and_only_the_pledgee_releases()
    {
        var number = await IssueAndAcceptAsync(await _host.ClientForAsync(Trader), 10_000);
        using var owner = new Browser(_host);
        using var pledgee = new Browser(_host);
        await owner.SignInAsync(Trader);
        await pledgee.SignInAsync(OtherTrader);
        var page = await owner.OpenAsync($"/receipts/{number}");

        var badSplit = await page.SubmitAsync(owner, $"/receipts/{number}/split", new Dictionary<string, string> { ["parts"] = "6000, 3000" });
        var split = await badSplit.SubmitAsync(owner, $"/receipts/{number}/split", new Dictionary<string, string> { ["parts"] = "6000，4000" });
        var part = split.Document.QuerySelectorAll("table.receipts tbody a").Select(a => a.TextContent).First();
        var partPage = await owner.OpenAsync($"/receipts/{part}");
        var unknownLender = await partPage.SubmitAsync(owner, $"/receipts/{part}/pledge", new Dictionary<string, string> { ["pledgeeEmail"] = "nobody@bank.example" });
        var pledged = await unknownLender.SubmitAsync(owner, $"/receipts/{part}/pledge", new Dictionary<string, string> { ["pledgeeEmail"] = OtherTrader.ToUpperInvariant() });
        var seenByPledgee = await pledgee.OpenAsync($"/receipts/{part}");
        var pledgedText = seenByPledgee.Document.QuerySelector("[aria-labelledby=pledged-heading]")!.TextContent;
        var released = await seenByPledgee.SubmitAsync(pledgee, $"/receipts/{part}/release");

        Assert.Equal(HttpStatusCode.BadRequest, badSplit.Status);
        Assert.Equal("各部分之和必须等于仓单的数量。", badSplit.ErrorFor("split-parts"));
        Assert.Equal("6000, 3000", badSplit.ValueOf("split-parts"));
        Assert.Equal("/receipts?done=split", split.Url);
        Assert.Equal(2, split.Document.QuerySelectorAll("table.receipts tbody tr").Length);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownLender.Status);
        Assert.Equal("没有使用这个邮箱的账户，请向质权人确认其登录邮箱。", unknownLender.ErrorFor("pledge-pledgee"));
        Assert.Equal("nobody@bank.example", unknownLender.ValueOf("pledge-pledgee"));
        Assert.Contains("有效", unknownLender.Document.QuerySelector(".particulars")!.TextContent);
        Assert.Equal($"/receipts/{part}?done=pledged", pledged.Url);
        Assert.Contains($"质押给 ", pledged.Document.QuerySelector("[aria-labelledby=pledged-heading]")!.TextContent);
        Assert.Contains($"（{OtherTrader}）", pledged.Document.QuerySelector("[aria-labelledby=pledged-heading]")!.TextContent);
        Assert.Contains($"（{OtherTrader}）", pledgedText);
        Assert.Contains($"出质人：", pledgedText);
        Assert.Contains($"（{Trader}）", pledgedText);
        Assert.Contains("已质押", pledged.Document.QuerySelector(".particulars")!.TextContent);
        Assert.Throws<Xunit.Sdk.XunitException>(() => pledged.Form($"/receipts/{part}/release"));
        Assert.Equal($"/receipts/{part}?done=released", released.Url);
        Assert.Contains("有效", released.Document.QuerySelector(".particulars")!.TextContent);
        Assert.Equal(["签发仓单", "接收仓单", "拆分", "质押", "解除质押"], released.Document.QuerySelectorAll("table.history tbody tr").Select(r => r.QuerySelectorAll("td")[2].TextContent).ToArray());
        Assert.Equal("true", released.Document.QuerySelector("[data-intact]")!.GetAttribute("data-intact"));
    }

    [Fact]
    public async Task Malformed_or_forged_form_input_is_answered_beside_the_field_and_changes_nothing()
    {
        var api = await _host.ClientForAsync(Trader);
        var number = await IssueAndAcceptAsync(api, 5_000);
        using var trader = new Browser(_host);
        await trader.SignInAsync(Trader);
        var mine = await trader.OpenAsync("/receipts");
        var account = await trader.OpenAsync("/exchange/account");
        var receipt = await trader.OpenAsync($"/receipts/{number}");

        var declared = await mine.SubmitAsync(trader, "/receipts/load-ins", new Dictionary<string, string>
        {
            ["grade"] = "PP",
            ["warehouse"] = "nowhere",
            ["quantityKg"] = "12 t",
            ["productionDate"] = "31/12/2026",
        });
        var huge = await account.SubmitAsync(trader, "/exchange/account/receipts/deposits", new Dictionary<string, string> { ["instrument"] = Instrument, ["quantity"] = "79228162514264337593543950335" });
        var unknown = await account.SubmitAsync(trader, "/exchange/account/receipts/deposits", new Dictionary<string, string> { ["instrument"] = "XX-1", ["quantity"] = "1" });
        var badParts = await receipt.SubmitAsync(trader, $"/receipts/{number}/split", new Dictionary<string, string> { ["parts"] = "2500, abc" });
        var forged = await trader.PostAsync($"/receipts/{number}/cancel", []);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, declared.Status);
        Assert.Equal("请选择牌号和生产商。", declared.ErrorFor("loadin-grade"));
        Assert.Equal("请填写整数公斤数。", declared.ErrorFor("loadin-quantity"));
        Assert.Equal("请按 年-月-日 填写生产日期。", declared.ErrorFor("loadin-date"));
        Assert.Single(declared.Document.QuerySelectorAll("table.loadins tbody tr")); // the one issued before
        Assert.Equal(HttpStatusCode.UnprocessableEntity, huge.Status);
        Assert.Equal("请输入数量（吨），最多三位小数。", huge.ErrorFor("in-quantity"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.Status);
        Assert.Equal("请选择合约。", unknown.ErrorFor("in-instrument"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badParts.Status);
        Assert.Equal("请用逗号分隔各部分的整数公斤数，例如 10000, 5000。", badParts.ErrorFor("split-parts"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Contains("有效", (await trader.OpenAsync($"/receipts/{number}")).Document.QuerySelector(".particulars")!.TextContent);
        Assert.Equal((5_000L, 0L), await ExchangeApiTests.HoldingAsync(api, Instrument));
        Assert.Empty((await ExchangeApiTests.AccountAsync(api))["positions"]!.AsArray());
    }

    private static async Task<Page> DeclareAsync(Browser trader, string kg)
    {
        var page = await trader.OpenAsync("/receipts");
        return await page.SubmitAsync(trader, "/receipts/load-ins", new Dictionary<string, string>
        {
            ["grade"] = GradeOf(page, Instrument),
            ["warehouse"] = "zs-storage-1",
            ["quantityKg"] = kg,
            ["productionDate"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-20)).ToString("yyyy-MM-dd"),
            ["batchNumber"] = "B-2026-11",
        });
    }

    /// <summary>The value of the declaration form's first grade option of the instrument.</summary>
    private static string GradeOf(Page page, string instrument)
        => page.Document.QuerySelector($"#loadin-grade optgroup[label='{instrument}'] option")!.GetAttribute("value")!;

    private static Dictionary<string, string> Card(string amount, string number) => new()
    {
        ["amount"] = amount,
        ["cardNumber"] = number,
        ["expMonth"] = "12",
        ["expYear"] = "2099",
        ["cvc"] = "123",
    };

    private Task<string> IssueAndAcceptAsync(HttpClient trader, long kg) => ExchangeApiTests.IssueReceiptAsync(_host, trader, kg);

    private async Task<JsonObject> LoadInAsync(Guid id)
        => (await (await _host.ClientForAsync(Trader)).GetFromJsonAsync<JsonObject>($"/api/v1/receipts/load-ins/{id}"))!;

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>().FindByEmailAsync(email))!.Id;
    }
}
