using System.Collections.Generic;
using System.Linq;

namespace Balances.Api;

/// <summary>Collects every broken rule of a request, so one response names them all rather than the first.</summary>
public sealed class RequestErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(System.StringComparer.Ordinal);

    public void Check(bool valid, string field, string rule)
    {
        if (!valid)
        {
            Add(field, rule);
        }
    }

    public void Add(string field, string rule)
    {
        if (!_errors.TryGetValue(field, out var rules))
        {
            _errors[field] = rules = [];
        }

        rules.Add(rule);
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new InvalidRequestException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), System.StringComparer.Ordinal));
        }
    }
}
