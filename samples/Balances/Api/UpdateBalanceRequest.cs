namespace Balances.Api;

/// <summary>The body of <c>PUT /balances/{id}</c>.</summary>
public sealed record UpdateBalanceRequest(decimal UsdValue, decimal? AutoConvertThreshold) : IRequestBody<UpdateBalanceRequest>
{
    public static string RuleFor(string field) => field == "usdValue" ? FieldRules.UsdValue : FieldRules.Threshold;

    public void Validate(RequestErrors errors)
    {
        errors.Check(FieldRules.IsUsdValue(UsdValue), "usdValue", FieldRules.UsdValue);
        errors.Check(AutoConvertThreshold is not { } threshold || FieldRules.IsAmount(threshold), "autoConvertThreshold", FieldRules.Threshold);
    }
}
