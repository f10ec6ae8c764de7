using System.Globalization;
using Balances.Data;

namespace Balances.Api;

/// <summary>
/// The rules of the API's fields, as the texts responses show and as the checks that enforce them; the limits
/// come from <see cref="BalanceLimits"/> (the column types).
/// </summary>
public static class FieldRules
{
    public static readonly string Change = $"must be a number greater than 0 and at most 10^{BalanceLimits.MaxAmountExponent}, with at most {BalanceLimits.AmountDecimalPlaces} decimal places";

    public static readonly string TooSmall = $"must be at least {BalanceLimits.SmallestAmount.ToString(CultureInfo.InvariantCulture)}: a smaller amount would not change the balance, which keeps {BalanceLimits.AmountDecimalPlaces} decimal places";

    public static readonly string Amount = $"must be a number from 0 to 10^{BalanceLimits.MaxAmountExponent}, with at most {BalanceLimits.AmountDecimalPlaces} decimal places";

    public static readonly string Threshold = $"must be null or a number from 0 to 10^{BalanceLimits.MaxAmountExponent}, with at most {BalanceLimits.AmountDecimalPlaces} decimal places";

    public static readonly string UsdValue = $"must be a number from 0 to 10^{BalanceLimits.MaxUsdValueExponent}, with at most {BalanceLimits.UsdDecimalPlaces} decimal places";

    public static readonly string Address = $"must be a string of 1 to {BalanceLimits.MaxAddressLength} characters, with no control characters";

    public static readonly string AddressLength = $"must be 1 to {BalanceLimits.MaxAddressLength} characters long";

    public const string AddressCharacters = "must not contain control characters (such as \\u0000) or unpaired surrogates";

    public static readonly string Limit = $"must be a whole number from 1 to {BalanceEndpoints.MaxPageSize}";

    public const string Offset = "must be a whole number from 0 to 2147483647";

    public static string Id(long max) => $"must be a whole number from 1 to {max.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Checks a credit or debit: a positive amount the column stores as it is.</summary>
    public static void CheckChange(RequestErrors errors, string field, decimal value)
    {
        if (value > 0 && value < BalanceLimits.SmallestAmount)
        {
            errors.Add(field, TooSmall);
        }
        else
        {
            errors.Check(value > 0 && IsAmount(value), field, Change);
        }
    }

    public static bool IsAmount(decimal value)
        => value is >= 0 and <= BalanceLimits.MaxAmount && BalanceLimits.DecimalPlaces(value) <= BalanceLimits.AmountDecimalPlaces;

    public static bool IsUsdValue(decimal value)
        => value is >= 0 and <= BalanceLimits.MaxUsdValue && BalanceLimits.DecimalPlaces(value) <= BalanceLimits.UsdDecimalPlaces;

    /// <summary>Checks an address: present, short enough for its index, and text PostgreSQL can store.</summary>
    public static void CheckAddress(RequestErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > BalanceLimits.MaxAddressLength)
        {
            errors.Add(field, AddressLength);
        }

        if (value is not null && !IsStorableText(value))
        {
            errors.Add(field, AddressCharacters);
        }
    }

    // PostgreSQL text cannot hold U+0000, and an unpaired surrogate has no UTF-8 form.
    private static bool IsStorableText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
