using Microsoft.AspNetCore.Identity;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Host.Storefront;

/// <summary>
/// The password rules as Identity enforces them (<see cref="PasswordOptions"/>), told to the user in zh-CN and en:
/// the register page's hint is built from the same options the check uses, so the two cannot disagree, and
/// Identity's English error descriptions are replaced by translations chosen by error code.
/// </summary>
internal static class PasswordRules
{
    public static LocalizedText Hint(PasswordOptions rules)
    {
        var zh = new List<string>();
        var en = new List<string>();
        if (rules.RequireUppercase)
        {
            zh.Add("大写字母");
            en.Add("an upper-case letter");
        }

        if (rules.RequireLowercase)
        {
            zh.Add("小写字母");
            en.Add("a lower-case letter");
        }

        if (rules.RequireDigit)
        {
            zh.Add("数字");
            en.Add("a digit");
        }

        if (rules.RequireNonAlphanumeric)
        {
            zh.Add("符号（如 !、#、@）");
            en.Add("a symbol (such as !, # or @)");
        }

        return zh.Count == 0
            ? new($"至少 {rules.RequiredLength} 位。", $"At least {rules.RequiredLength} characters.")
            : new(
                $"至少 {rules.RequiredLength} 位，须包含{(zh.Count == 1 ? zh[0] : string.Join("、", zh[..^1]) + "和" + zh[^1])}。",
                $"At least {rules.RequiredLength} characters, with {Join(en)}.");
    }

    /// <summary>One of Identity's password or account errors in the user's language.</summary>
    public static LocalizedText Describe(IdentityError error, PasswordOptions rules) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => new($"密码至少 {rules.RequiredLength} 位。", $"The password needs at least {rules.RequiredLength} characters."),
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => new("密码须包含大写字母（A–Z）。", "The password needs an upper-case letter (A–Z)."),
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => new("密码须包含小写字母（a–z）。", "The password needs a lower-case letter (a–z)."),
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => new("密码须包含数字（0–9）。", "The password needs a digit (0–9)."),
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => new("密码须包含符号（如 !、#、@）。", "The password needs a symbol (such as !, # or @)."),
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => new(
            $"密码至少要有 {rules.RequiredUniqueChars} 个不同的字符。", $"The password needs at least {rules.RequiredUniqueChars} different characters."),
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) => new(
            "这个电子邮箱已经注册。", "This e-mail address is already registered."),
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => new(
            "请输入有效的电子邮箱。", "Enter a valid e-mail address."),
        _ => new("无法创建账户，请换一个密码或稍后再试。", "The account could not be created; try another password or try again later."),
    };

    /// <summary>Which form field an Identity error belongs next to.</summary>
    public static string FieldOf(IdentityError error)
        => error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? "Email" : "Password";

    private static string Join(List<string> parts)
        => parts.Count == 1 ? parts[0] : string.Join(", ", parts[..^1]) + " and " + parts[^1];
}
