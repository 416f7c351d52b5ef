using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Platform.Data;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Platform.Identity;

/// <summary>
/// ASP.NET Core Identity with two ways in: a cookie for the storefront and bearer tokens from
/// <c>POST /api/v1/auth/token</c> for API clients. A request carrying <c>Authorization: Bearer</c> is
/// authenticated by token, any other by cookie; API paths answer 401/403 instead of redirecting.
/// </summary>
public static class IdentitySetup
{
    /// <summary>The scheme that picks cookie or bearer per request.</summary>
    public const string Scheme = "SmartTrade";

    /// <summary>How long an access token is valid.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    /// <summary>Registers identity, authentication and the role policies.</summary>
    /// <param name="services">The host services.</param>
    public static IServiceCollection AddSmartTradeIdentity(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or bearer token", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, options => options.BearerTokenExpiration = TokenLifetime)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(options =>
            {
                options.LoginPath = "/account/login";
                options.LogoutPath = "/account/logout";
                options.AccessDeniedPath = "/account/denied";
                options.Cookie.Name = "smarttrade.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.SlidingExpiration = true;
                options.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
            }));

        services.AddIdentityCore<PlatformUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PlatformDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<IAccountDirectory, AccountDirectory>();

        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Admin, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Roles.Merchant, policy => policy.RequireRole(Roles.Merchant))
            .AddPolicy(Roles.Buyer, policy => policy.RequireRole(Roles.Buyer))
            .AddPolicy(Roles.Trader, policy => policy.RequireRole(Roles.Trader))
            .AddPolicy(Roles.WarehouseOperator, policy => policy.RequireRole(Roles.WarehouseOperator));
        return services;
    }

    private static Task ApiAware(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
