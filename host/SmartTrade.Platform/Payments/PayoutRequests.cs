using System.Buffers;
using System.Text;
using SmartTrade.Sdk.Payments;

namespace SmartTrade.Platform.Payments;

/// <summary>
/// Checks of payout requests shared by the gateways; a refused request pays nothing. A destination the gateway cannot use
/// is an <see cref="ArgumentException"/>, as <see cref="IPaymentGateway.PayOutAsync"/> promises callers (a plugin cannot
/// see the host's exception types), so a withdrawal knows to give the cash back rather than ask again.
/// </summary>
internal static class PayoutRequests
{
    public const int MaxReferenceLength = 200;
    public const int MaxAccountHolderLength = 200;
    public const int MaxBankLength = 100;
    public const int MaxDescriptionLength = 500;

    private static readonly SearchValues<char> AccountIdCharacters =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>Checks everything but the account, whose form depends on the gateway.</summary>
    public static void Check(CreatePayout request)
    {
        ArgumentNullException.ThrowIfNull(request);
        PaymentRequests.RequirePositive(request.Amount, "amount");
        PaymentRequests.RequireKey(request.IdempotencyKey);
        RequireText(request.Reference, "reference", MaxReferenceLength);
        if (request.Destination is null)
        {
            throw new ArgumentException("The destination is required.", "destination");
        }

        if (string.IsNullOrWhiteSpace(request.Destination.AccountHolder) || request.Destination.AccountHolder.Length > MaxAccountHolderLength)
        {
            throw new ArgumentException($"The destination's account holder is required, at most {MaxAccountHolderLength} characters.", "destination");
        }

        if (request.Destination.Bank is { Length: > MaxBankLength })
        {
            throw new ArgumentException($"The destination's bank must be at most {MaxBankLength} characters.", "destination");
        }

        if (request.Description is { Length: > MaxDescriptionLength })
        {
            throw new InvalidPaymentRequestException($"The description must be at most {MaxDescriptionLength} characters.");
        }
    }

    /// <summary>
    /// A bank account number's digits, written with optional spaces or dashes: 8 to 34 digits (the longest IBAN's
    /// length). Anything else is refused; the message never repeats the account.
    /// </summary>
    public static string BankAccountDigits(string? account)
    {
        var digits = new StringBuilder(account?.Length ?? 0);
        foreach (var c in account ?? string.Empty)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-'))
            {
                digits.Clear();
                break;
            }
        }

        return digits.Length is >= 8 and <= 34
            ? digits.ToString()
            : throw new ArgumentException("The destination account must be a bank account number of 8 to 34 digits.", "destination");
    }

    /// <summary>A Stripe connected account id: <c>acct_</c> followed by letters and digits.</summary>
    public static string StripeAccountId(string? account)
    {
        var id = account?.Trim() ?? string.Empty;
        return id.Length is > 5 and <= 255 && id.StartsWith("acct_", StringComparison.Ordinal) && !id.AsSpan(5).ContainsAnyExcept(AccountIdCharacters)
            ? id
            : throw new ArgumentException("The destination account must be a Stripe connected account id (acct_…).", "destination");
    }

    private static void RequireText(string? value, string name, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength)
        {
            throw new InvalidPaymentRequestException($"The {name} is required, at most {maxLength} characters.");
        }
    }
}
