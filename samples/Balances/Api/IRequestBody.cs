namespace Balances.Api;

/// <summary>A JSON request body that validates itself at the edge, before the repository sees it.</summary>
public interface IRequestBody<TSelf>
    where TSelf : IRequestBody<TSelf>
{
    /// <summary>
    /// The rule of one field (its JSON name), for when System.Text.Json cannot even read it (a string where a number
    /// goes, a number beyond decimal): the response states the rule instead of the serializer's message.
    /// </summary>
    static abstract string RuleFor(string field);

    void Validate(RequestErrors errors);
}
