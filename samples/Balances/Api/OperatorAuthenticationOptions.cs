using Microsoft.AspNetCore.Authentication;

namespace Balances.Api;

/// <summary>The one operator account of the sample: user <c>ops</c> with this password.</summary>
public sealed class OperatorAuthenticationOptions : AuthenticationSchemeOptions
{
    public string Password { get; set; } = BalancesSettings.DevelopmentOperatorPassword;
}
