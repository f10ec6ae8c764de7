namespace Balances.Api;

/// <summary>The body of <c>POST /balances</c>. Whether the token exists only the database knows (its foreign key).</summary>
public sealed record NewBalanceRequest(long UserId, int TokenId, string Address, decimal Amount, decimal UsdValue) : IRequestBody<NewBalanceRequest>
{
    public static string RuleFor(string field) => field switch
    {
        "userId" => FieldRules.Id(long.MaxValue),
        "tokenId" => FieldRules.Id(int.MaxValue),
        "address" => FieldRules.Address,
        "amount" => FieldRules.Amount,
        _ => FieldRules.UsdValue,
    };

    public void Validate(RequestErrors errors)
    {
        errors.Check(UserId >= 1, "userId", RuleFor("userId"));
        errors.Check(TokenId >= 1, "tokenId", RuleFor("tokenId"));
        FieldRules.CheckAddress(errors, "address", Address);
        errors.Check(FieldRules.IsAmount(Amount), "amount", FieldRules.Amount);
        errors.Check(FieldRules.IsUsdValue(UsdValue), "usdValue", FieldRules.UsdValue);
    }
}
