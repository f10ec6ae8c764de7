namespace Balances.Data;

/// <summary>
/// What a balance can hold, from the columns in Migrations/002_balances.sql and from what a
/// <see cref="decimal"/> can read back: the API validates against these, the repository enforces them.
/// </summary>
public static class BalanceLimits
{
    /// <summary><c>amount</c> and <c>auto_convert_threshold</c> are <c>numeric(38, 18)</c>: finer digits are rounded away.</summary>
    public const int AmountDecimalPlaces = 18;

    /// <summary>The smallest amount the column stores without rounding it to zero.</summary>
    public const decimal SmallestAmount = 0.000000000000000001m;

    /// <summary>Ten integer digits (<see cref="MaxAmountExponent"/>).</summary>
    public const decimal MaxAmount = 10_000_000_000m;

    /// <summary>
    /// Ten integer digits plus 18 decimal places is 28 significant digits, what a decimal holds: the column would
    /// take 20 integer digits, but a larger balance could be written and then never read back (an overflow in Npgsql).
    /// </summary>
    public const int MaxAmountExponent = 10;

    /// <summary><c>usd_value</c> is <c>numeric(38, 8)</c>.</summary>
    public const int UsdDecimalPlaces = 8;

    /// <summary>
    /// 10^15 with 8 decimal places is 23 significant digits: the sum of a user's USD values
    /// (<c>TotalBalanceByUserAsync</c>) still fits a decimal with 100,000 balances.
    /// </summary>
    public const decimal MaxUsdValue = 1_000_000_000_000_000m;

    /// <summary>The power of ten of <see cref="MaxUsdValue"/>.</summary>
    public const int MaxUsdValueExponent = 15;

    /// <summary>
    /// <c>address</c> is <c>text</c> but indexed (<c>idx_balances_address</c>): a B-tree entry must fit in a third of a
    /// page (about 2,700 bytes), so 8,000 characters fail on insert. 256 characters are at most 1,024 UTF-8 bytes.
    /// </summary>
    public const int MaxAddressLength = 256;

    /// <summary>The decimal places <paramref name="value"/> needs (trailing zeros do not count: 1.50 needs 1).</summary>
    public static int DecimalPlaces(decimal value)
    {
        var places = (int)value.Scale;
        while (places > 0 && decimal.Round(value, places - 1) == value)
        {
            places--;
        }

        return places;
    }
}
