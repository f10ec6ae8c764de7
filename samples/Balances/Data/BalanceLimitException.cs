using System;

namespace Balances.Data;

/// <summary>A credit that would take the balance above <see cref="BalanceLimits.MaxAmount"/>: refused, nothing changed.</summary>
public sealed class BalanceLimitException : Exception
{
    public BalanceLimitException()
    {
    }

    public BalanceLimitException(string message)
        : base(message)
    {
    }

    public BalanceLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
