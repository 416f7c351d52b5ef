using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SmartTrade.Host.Tests;
using static Microsoft.Playwright.Assertions;

namespace SmartTrade.Storefront.E2E.Steps;

/// <summary>What people do in the storefront, through its pages only, in Chinese (the default language).</summary>
public static partial class BrowserSteps
{
    public const string GoodCard = "4242 4242 4242 4242";
    public const string DeclinedCard = "4000 0000 0000 0002";

    public enum Role
    {
        Buyer,
        Merchant,
    }

    /// <summary>Registers on the register page (password <see cref="TestHost.Password"/>) and checks they are signed in.</summary>
    public static async Task RegisterAsync(IPage page, Role role, string email, string name)
    {
        await page.GotoAsync("/account/register");
        await page.GetByLabel(role == Role.Merchant ? "商家（发布商品）" : "买家", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("名称（个人或公司）").FillAsync(name);
        await page.GetByLabel("电子邮箱").FillAsync(email);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(TestHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "注册", Exact = true }).ClickAsync();
        await Expect(page.Locator(".account-nav .user-name")).ToHaveTextAsync(email);
    }

    /// <summary>Signs in on the sign-in page and checks they are signed in.</summary>
    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("电子邮箱").FillAsync(email);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(TestHost.Password);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.Locator(".account-nav .user-name")).ToHaveTextAsync(email);
    }

    /// <summary>On a listing's page: puts a quantity in the cart, checks the cart shows it, and places the order.</summary>
    /// <returns>The order's id, from the order page the checkout leads to.</returns>
    public static async Task<Guid> AddToCartAndCheckOutAsync(IPage page, string title, int quantity)
    {
        await page.GetByLabel("数量").FillAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "加入购物车" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "购物车", Level = 1 })).ToBeVisibleAsync();
        var line = page.Locator("table.cart tbody tr", new() { HasText = title });
        await Expect(line.GetByRole(AriaRole.Spinbutton)).ToHaveValueAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await page.GetByRole(AriaRole.Button, new() { Name = "结算下单" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(OrderUrl());
        await Expect(OrderStatus(page)).ToHaveTextAsync("待付款");
        return Guid.Parse(OrderUrl().Match(page.Url).Groups["id"].Value);
    }

    /// <summary>On an order's page: pays with a Sandbox card (expiry 12/2030, security code 123).</summary>
    public static async Task PayAsync(IPage page, string card)
    {
        var form = page.Locator("form.card-form");
        await form.GetByLabel("卡号").Or(form.GetByLabel("Card number")).FillAsync(card);
        await form.GetByLabel("安全码").Or(form.GetByLabel("Security code")).FillAsync("123");
        await form.Locator("button[type=submit]").ClickAsync();
    }

    /// <summary>The order's status as the order page shows it.</summary>
    public static ILocator OrderStatus(IPage page) => page.Locator(".order-status .status");

    [GeneratedRegex(@"/orders/(?<id>[0-9a-f-]{36})$")]
    private static partial Regex OrderUrl();
}
