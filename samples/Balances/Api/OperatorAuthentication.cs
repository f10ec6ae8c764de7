using System;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Balances.Api;

/// <summary>
/// HTTP Basic for the sample's operator (user <c>ops</c>, role <c>ops</c>), enough to show the operations endpoints behind
/// a policy; a real service puts them behind its own sign-in. A browser asks for the password (WWW-Authenticate).
/// </summary>
public sealed class OperatorAuthentication(IOptionsMonitor<OperatorAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<OperatorAuthenticationOptions>(options, logger, encoder)
{
    public const string Name = "OperatorBasic";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("malformed Basic credentials"));
        }

        var expected = Encoding.UTF8.GetBytes("ops:" + Options.Password);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(credentials), expected))
        {
            return Task.FromResult(AuthenticateResult.Fail("wrong user or password"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "ops"), new Claim(ClaimTypes.Role, "ops")], Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"CachingGen operations\", charset=\"UTF-8\"";
        return base.HandleChallengeAsync(properties);
    }
}
