using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SmartTrade.Host.Storefront.Components.Pages;
using SmartTrade.Platform.Identity;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.RateLimiting;
using SmartTrade.Sdk.Security;
using SmartTrade.Sdk.Storefront;
using static SmartTrade.Sdk.Localization.Ui;

namespace SmartTrade.Host.Storefront;

/// <summary>Sign in, sign out and register (as a buyer or a merchant) with the storefront's cookie.</summary>
public static class AccountPages
{
    public sealed class LoginForm
    {
        public string? Email { get; set; }

        public string? Password { get; set; }

        public string? ReturnUrl { get; set; }
    }

    public sealed class RegisterForm
    {
        public string? DisplayName { get; set; }

        public string? Email { get; set; }

        public string? Password { get; set; }

        public string? Role { get; set; }
    }

    private static readonly LocalizedText LoginTitle = new("登录", "Sign in");
    private static readonly LocalizedText RegisterTitle = new("注册", "Register");

    internal static void MapAccountPages(this WebApplication app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapGet("/login", (string? returnUrl, IStorefrontPages pages)
            => pages.Page<Login>(LoginTitle, new Dictionary<string, object?> { [nameof(Login.Form)] = new LoginForm { ReturnUrl = returnUrl } }));
        account.MapPost("/login", LoginAsync).WithRateLimit(RateLimitPolicies.Auth);
        account.MapPost("/logout", async (SignInManager<PlatformUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/");
        }).RequireFormToken();
        account.MapGet("/register", (IStorefrontPages pages, IOptions<IdentityOptions> identity)
            => pages.Page<Register>(RegisterTitle, new Dictionary<string, object?>
            {
                [nameof(Register.Form)] = new RegisterForm { Role = Roles.Buyer },
                [nameof(Register.PasswordHint)] = PasswordRules.Hint(identity.Value.Password),
            }));
        account.MapPost("/register", RegisterAsync);
        account.MapGet("/denied", (IStorefrontPages pages) => pages.Message(
            StatusCodes.Status403Forbidden,
            new LocalizedText("无权访问", "Not allowed"),
            new LocalizedText("您的账户不能打开这个页面。", "Your account cannot open this page.")));
    }

    private static async Task<IResult> LoginAsync([FromForm] LoginForm form, SignInManager<PlatformUser> signIn, IStorefrontPages pages)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(form.Email))
        {
            errors[nameof(form.Email)] = T("请输入电子邮箱。", "Enter your e-mail address.");
        }

        if (string.IsNullOrEmpty(form.Password))
        {
            errors[nameof(form.Password)] = T("请输入密码。", "Enter your password.");
        }

        if (errors.Count == 0)
        {
            var result = await signIn.PasswordSignInAsync(form.Email!.Trim(), form.Password!, isPersistent: true, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return Results.LocalRedirect(StorefrontSetup.IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "/");
            }

            errors[nameof(form.Password)] = result.IsLockedOut
                ? T("登录失败次数过多，请 5 分钟后再试。", "Too many failed attempts; try again in 5 minutes.")
                : T("电子邮箱或密码不正确。", "The e-mail address or password is wrong.");
        }

        form.Password = null;
        return pages.Page<Login>(LoginTitle, new Dictionary<string, object?> { [nameof(Login.Form)] = form, [nameof(Login.Errors)] = errors }, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> RegisterAsync(
        [FromForm] RegisterForm form,
        UserManager<PlatformUser> users,
        SignInManager<PlatformUser> signIn,
        IOptions<IdentityOptions> identity,
        TimeProvider time,
        IStorefrontPages pages)
    {
        var rules = identity.Value.Password;
        var errors = new Dictionary<string, string>();
        var name = form.DisplayName?.Trim() ?? string.Empty;
        if (name.Length is < 2 or > 64)
        {
            errors[nameof(form.DisplayName)] = T("名称为 2 到 64 个字符。", "The name is 2 to 64 characters.");
        }

        var email = form.Email?.Trim() ?? string.Empty;
        if (!System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email || email.Length > 128)
        {
            errors[nameof(form.Email)] = T("请输入有效的电子邮箱。", "Enter a valid e-mail address.");
        }
        else if (await users.FindByEmailAsync(email) is not null)
        {
            errors[nameof(form.Email)] = T("这个电子邮箱已经注册。", "This e-mail address is already registered.");
        }

        var user = new PlatformUser { UserName = email, Email = email, DisplayName = name, CreatedAt = time.GetUtcNow() };
        if (form.Password is not { Length: > 0 and <= 128 } password)
        {
            errors[nameof(form.Password)] = form.Password is null or { Length: 0 }
                ? T("请输入密码。", "Enter a password.")
                : T("密码最多 128 位。", "The password is at most 128 characters.");
        }
        else
        {
            // Identity's own validators decide, so what the page says and what the account store accepts agree.
            var broken = new List<IdentityError>();
            foreach (var validator in users.PasswordValidators)
            {
                broken.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
            }

            if (broken.Count > 0)
            {
                errors[nameof(form.Password)] = string.Join(" ", broken.Select(e => PasswordRules.Describe(e, rules).Get()).Distinct());
            }
        }

        var role = form.Role == Roles.Merchant ? Roles.Merchant : form.Role == Roles.Buyer ? Roles.Buyer : null;
        if (role is null)
        {
            errors[nameof(form.Role)] = T("请选择买家或商家。", "Choose buyer or merchant.");
        }

        if (errors.Count == 0)
        {
            var created = await users.CreateAsync(user, form.Password!);
            if (created.Succeeded && (await users.AddToRoleAsync(user, role!)).Succeeded)
            {
                await signIn.SignInAsync(user, isPersistent: true);
                return Results.LocalRedirect(role == Roles.Merchant ? "/merchant" : "/");
            }

            // A rule checked only on creation (a user validator, a race for the same e-mail): next to its field.
            foreach (var error in created.Errors)
            {
                errors[PasswordRules.FieldOf(error)] = PasswordRules.Describe(error, rules).Get();
            }

            if (errors.Count == 0)
            {
                errors[nameof(form.Password)] = T("无法创建账户，请稍后再试。", "The account could not be created; try again later.");
            }
        }

        form.Password = null;
        return pages.Page<Register>(RegisterTitle, new Dictionary<string, object?>
        {
            [nameof(Register.Form)] = form,
            [nameof(Register.Errors)] = errors,
            [nameof(Register.PasswordHint)] = PasswordRules.Hint(rules),
        }, StatusCodes.Status422UnprocessableEntity);
    }
}
