using System;

namespace Balances.Data;

/// <summary>A debit larger than the balance: refused, nothing changed.</summary>
public sealed class InsufficientFundsException : Exception
{
    public InsufficientFundsException()
    {
    }

    public InsufficientFundsException(string message)
        : base(message)
    {
    }

    public InsufficientFundsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
