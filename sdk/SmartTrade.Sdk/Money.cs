using System.Globalization;
using System.Text.Json.Serialization;

namespace SmartTrade.Sdk;

/// <summary>
/// An amount of money in integer minor units (fen for CNY, cents for USD) and an ISO 4217 currency code.
/// Never use floating point for money, prices or quantities. Arithmetic is checked: an overflow throws
/// instead of wrapping, and mixing currencies throws.
/// </summary>
/// <param name="Minor">The amount in minor units, e.g. 12990 for ¥129.90.</param>
/// <param name="Currency">The ISO 4217 currency code in upper case, e.g. <c>CNY</c>.</param>
public readonly record struct Money(
    [property: JsonPropertyName("minor")] long Minor,
    [property: JsonPropertyName("currency")] string Currency)
{
    /// <summary>The default currency, Chinese yuan (<c>CNY</c>).</summary>
    public const string Cny = "CNY";

    /// <summary>An amount in Chinese yuan, given in fen.</summary>
    /// <param name="fen">The amount in fen (1/100 yuan).</param>
    public static Money FromFen(long fen) => new(fen, Cny);

    /// <summary>Zero in the given currency.</summary>
    /// <param name="currency">The ISO 4217 currency code.</param>
    public static Money Zero(string currency = Cny) => new(0, currency);

    /// <summary>Whether the amount is negative.</summary>
    [JsonIgnore]
    public bool IsNegative => Minor < 0;

    /// <summary>Adds two amounts of the same currency.</summary>
    public static Money operator +(Money left, Money right)
    {
        SameCurrency(left, right);
        return new Money(checked(left.Minor + right.Minor), left.Currency);
    }

    /// <summary>Subtracts an amount of the same currency.</summary>
    public static Money operator -(Money left, Money right)
    {
        SameCurrency(left, right);
        return new Money(checked(left.Minor - right.Minor), left.Currency);
    }

    /// <summary>Multiplies by an integer quantity (a unit price times a number of units).</summary>
    public static Money operator *(Money price, long quantity) => new(checked(price.Minor * quantity), price.Currency);

    /// <summary>Compares two amounts of the same currency.</summary>
    public static bool operator <(Money left, Money right) => SameCurrency(left, right) && left.Minor < right.Minor;

    /// <summary>Compares two amounts of the same currency.</summary>
    public static bool operator >(Money left, Money right) => SameCurrency(left, right) && left.Minor > right.Minor;

    /// <summary>Compares two amounts of the same currency.</summary>
    public static bool operator <=(Money left, Money right) => SameCurrency(left, right) && left.Minor <= right.Minor;

    /// <summary>Compares two amounts of the same currency.</summary>
    public static bool operator >=(Money left, Money right) => SameCurrency(left, right) && left.Minor >= right.Minor;

    /// <summary>
    /// A fraction of this amount given in basis points (1/10,000), rounded half away from zero to the
    /// minor unit; e.g. a fee of 5 basis points (0.05%).
    /// </summary>
    /// <param name="basisPoints">The rate in basis points.</param>
    public Money MultiplyBasisPoints(long basisPoints)
    {
        var product = (Int128)Minor * basisPoints;
        var quotient = product / 10_000;
        var remainder = product % 10_000;
        if (Int128.Abs(remainder) * 2 >= 10_000)
        {
            quotient += Int128.Sign(product);
        }

        return new Money(checked((long)quotient), Currency);
    }

    /// <summary>Formats the amount with two decimals and the currency code, e.g. <c>129.90 CNY</c>.</summary>
    public override string ToString()
    {
        var sign = Minor < 0 ? "-" : string.Empty;
        var abs = Minor == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(Minor);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / 100}.{abs % 100:D2} {Currency}");
    }

    private static bool SameCurrency(Money left, Money right)
    {
        if (!string.Equals(left.Currency, right.Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Cannot combine {left.Currency} with {right.Currency}.");
        }

        return true;
    }
}
