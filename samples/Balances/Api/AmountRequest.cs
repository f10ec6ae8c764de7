namespace Balances.Api;

/// <summary>The body of a credit or a debit.</summary>
public sealed record AmountRequest(decimal Amount) : IRequestBody<AmountRequest>
{
    public static string RuleFor(string field) => FieldRules.Change;

    public void Validate(RequestErrors errors) => FieldRules.CheckChange(errors, "amount", Amount);
}
